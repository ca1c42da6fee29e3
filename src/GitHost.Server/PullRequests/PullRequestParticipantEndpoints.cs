using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.PullRequests;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;

namespace GitHost.Server.PullRequests;

/// <summary>Reviewers, review status (and the older <c>/approve</c>), and watching.</summary>
internal static class PullRequestParticipantEndpoints
{
    private const string Participants = PullRequestEndpoints.One + "/participants";

    public static RouteGroupBuilder MapPullRequestParticipantEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Participants, ListAsync);
        api.MapPost(Participants, AddAsync);
        api.MapPut(Participants + "/{userSlug}", SetStatusAsync);
        api.MapDelete(Participants + "/{userSlug}", RemoveAsync);
        api.MapDelete(Participants, RemoveByUserNameAsync);
        api.MapPost(PullRequestEndpoints.One + "/approve", ApproveAsync);
        api.MapDelete(PullRequestEndpoints.One + "/approve", UnapproveAsync);
        api.MapPost(PullRequestEndpoints.One + "/watch", WatchAsync);
        api.MapDelete(PullRequestEndpoints.One + "/watch", UnwatchAsync);
        return api;
    }

    private static async Task<RestPage<RestPullRequestParticipant>> ListAsync(
        HttpContext http, PullRequestParticipants participants, RestMapper mapper, string projectKey, string slug, long pullRequestId, int? start, int? limit)
    {
        var page = await participants.ListAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestPullRequestParticipant>.From(page, mapper.Participant);
    }

    private static async Task<RestPullRequestParticipant> AddAsync(
        HttpContext http, PullRequestParticipants participants, RestMapper mapper, string projectKey, string slug, long pullRequestId, ParticipantRequest body)
    {
        var role = QueryValues.Enum<ParticipantRole>(body.Role, "role") ?? ParticipantRole.Reviewer;
        var added = await participants.AddAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, body.User?.Name ?? body.User?.Slug, role, http.RequestAborted);
        return mapper.Participant(added);
    }

    /// <summary><c>{status}</c>, or the older <c>{approved: true}</c>.</summary>
    private static async Task<RestPullRequestParticipant> SetStatusAsync(
        HttpContext http, PullRequestParticipants participants, RestMapper mapper, string projectKey, string slug, long pullRequestId, string userSlug,
        ParticipantRequest body)
    {
        var status = QueryValues.Enum<ParticipantStatus>(body.Status, "status")
            ?? (body.Approved is { } approved ? (approved ? ParticipantStatus.Approved : ParticipantStatus.Unapproved)
                : throw GitHostException.Invalid("Give a status: APPROVED, NEEDS_WORK or UNAPPROVED.", "status"));
        var updated = await participants.SetStatusAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, userSlug, status, body.LastReviewedCommit, http.RequestAborted);
        return mapper.Participant(updated);
    }

    private static async Task<IResult> RemoveAsync(
        HttpContext http, PullRequestParticipants participants, string projectKey, string slug, long pullRequestId, string userSlug)
    {
        await participants.RemoveReviewerAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, userSlug, byUserName: false, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Bitbucket's older form: the user by name in <c>?username=</c>.</summary>
    private static async Task<IResult> RemoveByUserNameAsync(
        HttpContext http, PullRequestParticipants participants, string projectKey, string slug, long pullRequestId, string? username)
    {
        var name = string.IsNullOrWhiteSpace(username) ? throw GitHostException.Invalid("Name the reviewer to remove: ?username=<user name>.", "username") : username;
        await participants.RemoveReviewerAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, name, byUserName: true, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestPullRequestParticipant> ApproveAsync(
        HttpContext http, PullRequestParticipants participants, RestMapper mapper, string projectKey, string slug, long pullRequestId) =>
        mapper.Participant(await participants.SetStatusAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, null, ParticipantStatus.Approved, null, http.RequestAborted));

    private static async Task<RestPullRequestParticipant> UnapproveAsync(
        HttpContext http, PullRequestParticipants participants, RestMapper mapper, string projectKey, string slug, long pullRequestId) =>
        mapper.Participant(await participants.SetStatusAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, null, ParticipantStatus.Unapproved, null, http.RequestAborted));

    private static async Task<IResult> WatchAsync(HttpContext http, PullRequestWatching watching, string projectKey, string slug, long pullRequestId)
    {
        await watching.WatchAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, watch: true, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UnwatchAsync(HttpContext http, PullRequestWatching watching, string projectKey, string slug, long pullRequestId)
    {
        await watching.WatchAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, watch: false, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
