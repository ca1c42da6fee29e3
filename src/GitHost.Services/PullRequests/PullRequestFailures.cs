using GitHost.Core.Failures;

namespace GitHost.Services.PullRequests;

/// <summary>The pull request errors Bitbucket clients match on, by exception name.</summary>
public static class PullRequestFailures
{
    public const string NoSuchPullRequest = "com.atlassian.bitbucket.pull.NoSuchPullRequestException";
    public const string OutOfDate = "com.atlassian.bitbucket.pull.PullRequestOutOfDateException";
    public const string Duplicate = "com.atlassian.bitbucket.pull.DuplicatePullRequestException";
    public const string Empty = "com.atlassian.bitbucket.pull.EmptyPullRequestException";
    public const string InvalidReviewers = "com.atlassian.bitbucket.pull.InvalidPullRequestReviewersException";
    public const string IllegalState = "com.atlassian.bitbucket.pull.IllegalPullRequestStateException";
    public const string SameRef = "com.atlassian.bitbucket.pull.InvalidPullRequestTargetException";
    public const string NoSuchRef = "com.atlassian.bitbucket.repository.NoSuchBranchException";
    public const string Archived = "com.atlassian.bitbucket.repository.ArchivedRepositoryException";

    public static GitHostException NotFound(long number) =>
        new(FailureKind.NotFound, $"Pull request {number} does not exist in this repository.", exceptionName: NoSuchPullRequest);

    /// <summary>Bitbucket's answer to a stale or missing version: both numbers, so a client can re-read and retry.</summary>
    public static GitHostException StaleVersion(int? given, int current) =>
        new(FailureKind.Conflict,
            given is null
                ? $"The pull request's version must be given (it is {current}): read the pull request again and send its version."
                : $"You are attempting to modify a pull request based on out-of-date information: version {given} was given, the pull request is at version {current}.",
            exceptionName: OutOfDate)
        {
            Extra = new Dictionary<string, object?> { ["expectedVersion"] = given ?? -1, ["currentVersion"] = current },
        };

    public static GitHostException NotOpen(string action, Core.PullRequests.PullRequestState state) =>
        new(FailureKind.Conflict, $"The pull request is {state.ToString().ToUpperInvariant()}: only an open pull request can be {action}.", exceptionName: IllegalState);
}
