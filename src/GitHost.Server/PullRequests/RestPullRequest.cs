using GitHost.Server.Rest;

namespace GitHost.Server.PullRequests;

/// <summary>Bitbucket's RestPullRequest. <c>id</c> is the number within the target repository.</summary>
public sealed record RestPullRequest(
    long Id,
    int Version,
    string Title,
    string? Description,
    string State,
    bool Open,
    bool Closed,
    bool Draft,
    bool Locked,
    long CreatedDate,
    long UpdatedDate,
    long? ClosedDate,
    RestPullRequestRef FromRef,
    RestPullRequestRef ToRef,
    RestPullRequestParticipant Author,
    IReadOnlyList<RestPullRequestParticipant> Reviewers,
    IReadOnlyList<RestPullRequestParticipant> Participants,
    RestPullRequestProperties Properties,
    RestLinks Links);

/// <summary><c>type</c> is BRANCH or TAG; <c>latestCommit</c> is the head the pull request is scoped to.</summary>
public sealed record RestPullRequestRef(string Id, string DisplayId, string LatestCommit, string Type, RestRepository Repository);

/// <summary><c>role</c>: AUTHOR, REVIEWER or PARTICIPANT; <c>status</c>: UNAPPROVED, NEEDS_WORK or APPROVED.</summary>
public sealed record RestPullRequestParticipant(RestUser User, string Role, bool Approved, string Status, string? LastReviewedCommit);

/// <summary>The computed extras Bitbucket returns with <c>withProperties=true</c>.</summary>
public sealed record RestPullRequestProperties(
    int CommentCount,
    int OpenTaskCount,
    int ResolvedTaskCount,
    RestMergeResult? MergeResult = null,
    RestMergeCommit? MergeCommit = null);

public sealed record RestMergeResult(string Outcome, bool Current);

public sealed record RestMergeCommit(string Id, string DisplayId);
