using GitHost.Core.Paging;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data.Users;
using GitHost.Server.Repositories;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;
using GitHost.Services.Repositories;

namespace GitHost.Server.PullRequests;

/// <summary>Pull request reads to Bitbucket's wire forms.</summary>
internal static class PullRequestRestMapping
{
    public static RestPullRequest ToRest(this RestMapper mapper, PullRequestView view, LinkBuilder links, Principal viewer) =>
        mapper.ToRest(view, links, viewer, repositories: []);

    /// <summary>
    /// A page of pull requests: each repository is mapped once for the page (records are immutable,
    /// so every pull request of a repository shares its wire form).
    /// </summary>
    public static RestPage<RestPullRequest> ToRestPage(this RestMapper mapper, Page<PullRequestView> page, LinkBuilder links, Principal viewer)
    {
        var repositories = new Dictionary<long, RestRepository>();
        return RestPage<RestPullRequest>.From(page, v => mapper.ToRest(v, links, viewer, repositories));
    }

    private static RestPullRequest ToRest(
        this RestMapper mapper, PullRequestView view, LinkBuilder links, Principal viewer, Dictionary<long, RestRepository> repositories)
    {
        var pullRequest = view.PullRequest;
        var target = Repository(mapper, view.Target, viewer, repositories);
        var source = Repository(mapper, view.Source, viewer, repositories);
        var author = view.AuthorParticipant is { } authorRow
            ? mapper.Participant(authorRow)
            : new RestPullRequestParticipant(view.Author is { } user ? mapper.User(user) : mapper.FormerUser(pullRequest.AuthorId), "AUTHOR", false, "UNAPPROVED", null);
        return new RestPullRequest(
            pullRequest.Number,
            pullRequest.Version,
            pullRequest.Title,
            pullRequest.Description,
            StateName(pullRequest.State),
            pullRequest.State == PullRequestState.Open,
            pullRequest.State != PullRequestState.Open,
            pullRequest.Draft,
            Locked: false,
            pullRequest.CreatedDate,
            pullRequest.UpdatedDate,
            pullRequest.ClosedDate,
            new RestPullRequestRef(pullRequest.FromRef, PullRequestRefs.DisplayId(pullRequest.FromRef), pullRequest.FromCommit, PullRequestRefs.TypeName(pullRequest.FromRef), source),
            new RestPullRequestRef(pullRequest.ToRef, PullRequestRefs.DisplayId(pullRequest.ToRef), pullRequest.ToCommit, "BRANCH", target),
            author,
            view.Participants.Where(p => p.Participant.Role == ParticipantRole.Reviewer).Select(mapper.Participant).ToList(),
            view.Participants.Where(p => p.Participant.Role == ParticipantRole.Participant).Select(mapper.Participant).ToList(),
            new RestPullRequestProperties(
                view.CommentCount,
                view.OpenTaskCount,
                view.ResolvedTaskCount,
                MergeCommit: pullRequest.MergeCommit is { } merge ? new RestMergeCommit(merge, merge[..11]) : null),
            links.Self(PullRequestPath(view)));
    }

    private static RestRepository Repository(RestMapper mapper, RepositoryDetails details, Principal viewer, Dictionary<long, RestRepository> repositories)
    {
        if (!repositories.TryGetValue(details.Repository.Id, out var rest))
        {
            rest = mapper.ToRest(details, viewer);
            repositories[details.Repository.Id] = rest;
        }

        return rest;
    }

    public static RestPullRequestParticipant Participant(this RestMapper mapper, ParticipantView participant) => new(
        mapper.User(participant.User),
        participant.Participant.Role switch
        {
            ParticipantRole.Author => "AUTHOR",
            ParticipantRole.Reviewer => "REVIEWER",
            _ => "PARTICIPANT",
        },
        participant.Participant.Status == ParticipantStatus.Approved,
        PullRequestParticipants.StatusName(participant.Participant.Status),
        participant.Participant.LastReviewedCommit);

    /// <summary>A user whose account was deleted: their pull requests and comments stay, named by id.</summary>
    public static RestUser FormerUser(this RestMapper mapper, long userId) =>
        new($"former-user-{userId}", null, userId, "Former user", false, $"former-user-{userId}", "NORMAL", new RestLinks([]));

    public static string StateName(PullRequestState state) => state.ToString().ToUpperInvariant();

    /// <summary>The pull request's page: <c>/projects/KEY/repos/slug/pull-requests/N</c> (or <c>/users/name/repos/...</c>).</summary>
    public static string PullRequestPath(PullRequestView view)
    {
        var project = view.Target.Project;
        var repository = project.Key.StartsWith('~')
            ? $"/users/{project.Key[1..].ToLowerInvariant()}/repos/{view.Target.Repository.Slug}"
            : $"/projects/{project.Key}/repos/{view.Target.Repository.Slug}";
        return $"{repository}/pull-requests/{view.PullRequest.Number}";
    }

    public static RestUser UserOrFormer(this RestMapper mapper, UserEntity? user, long id) => user is null ? mapper.FormerUser(id) : mapper.User(user);
}
