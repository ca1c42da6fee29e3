using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.PullRequests;
using GitHost.Server.Rest;
using GitHost.Services.Comments;
using GitHost.Services.Markup;

namespace GitHost.Server.Comments;

/// <summary><c>.../pull-requests/{id}/review</c>: the caller's pending comments (GET), finish and publish (PUT), discard (DELETE).</summary>
internal static class PullRequestReviewEndpoints
{
    private const string Review = PullRequestEndpoints.One + "/review";

    public static RouteGroupBuilder MapPullRequestReviewEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Review, PendingAsync);
        api.MapPut(Review, FinishAsync);
        api.MapDelete(Review, DiscardAsync);
        return api;
    }

    private static async Task<RestPage<Dictionary<string, object?>>> PendingAsync(
        HttpContext http, PullRequestReviews reviews, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug, long pullRequestId, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var (page, target) = await reviews.PendingAsync(principal, projectKey, slug, pullRequestId, PageRequest.Create(start, limit), http.RequestAborted);
        var mapping = new CommentRestMapping(mapper, markup);
        return RestPage<Dictionary<string, object?>>.From(page, n => mapping.ToRest(n, principal, target, QueryValues.Flag(http.Request, "markup")));
    }

    /// <summary>Answers <c>{publishedComments}</c>: Bitbucket documents "the number of published comments" without naming the member.</summary>
    private static async Task<Dictionary<string, int>> FinishAsync(
        HttpContext http, PullRequestReviews reviews, string projectKey, string slug, long pullRequestId, FinishReviewRequest body)
    {
        var published = await reviews.FinishAsync(
            http.GetPrincipal(), projectKey, slug, pullRequestId, body.CommentText, body.ParticipantStatus, body.LastReviewedCommit, http.RequestAborted);
        return new Dictionary<string, int> { ["publishedComments"] = published };
    }

    private static async Task<IResult> DiscardAsync(HttpContext http, PullRequestReviews reviews, string projectKey, string slug, long pullRequestId)
    {
        await reviews.DiscardAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted);
        return TypedResults.NoContent();
    }
}

/// <summary>Bitbucket's RestPullRequestFinishReviewRequest.</summary>
internal sealed record FinishReviewRequest(string? CommentText, string? LastReviewedCommit, string? ParticipantStatus);
