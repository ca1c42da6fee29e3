namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>Pull request diffs, changes and commits; commit diffs; compare.</summary>
    private static MatrixRow[] PullRequestDiffRows =>
    [
        new("GET", PullRequest + "/diff", null, ProjectReaders),
        new("GET", PullRequest + "/diff/README.md?contextLines=3", null, ProjectReaders),
        new("GET", PullRequest + "/diff-stats-summary", null, ProjectReaders),
        new("GET", PullRequest + "/changes", null, ProjectReaders),
        new("GET", PullRequest + "/commits", null, ProjectReaders),
        new("GET", PullRequest + "/merge-base", null, ProjectReaders),
        new("GET", Repo + "/pull-requests/1.diff", null, ProjectReaders),
        new("GET", Repo + "/pull-requests/1.patch", null, ProjectReaders),
        new("GET", Repo + "/pull-requests/999/diff", null, [401, 404, 404, 404, 404, 404]),
        new("GET", Repo + "/commits/main/diff", null, ProjectReaders),
        new("GET", Repo + "/commits/main/diff/README.md", null, ProjectReaders),
        new("GET", Repo + "/commits/main/merge-base?otherCommitId=feature", null, ProjectReaders),
        new("GET", Repo + "/commits/main/diff-stats-summary", null, ProjectReaders),
        new("GET", Repo + "/compare/diff-stats-summary?from=feature&to=main", null, ProjectReaders),
        new("GET", Repo + "/compare/diff-stats-summary/README.md?from=feature", null, ProjectReaders),
        new("GET", Repo + "/compare/diff/README.md?from=feature&to=main&contextLines=1", null, ProjectReaders),
        new("GET", Repo + "/compare/commits?from=feature&to=main&limit=1", null, ProjectReaders),
    ];
}
