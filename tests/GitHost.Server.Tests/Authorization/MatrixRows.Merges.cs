namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private const string ProjectPullRequestSettings = Project + "/settings/pull-requests/git";

    /// <summary>Merging, merge checks, pull request settings and auto-merge.</summary>
    private static MatrixRow[] MergeRows =>
    [
        new("GET", Repo + "/settings/pull-requests", null, ProjectReaders),
        new("POST", Repo + "/settings/pull-requests", _ => new { requiredAllTasksComplete = false }, ProjectAdmins),
        new("GET", ProjectPullRequestSettings, null, ProjectReaders),
        new("POST", ProjectPullRequestSettings, _ => new { requiredAllApprovers = false }, ProjectAdmins),
        new("GET", Project + "/settings/pull-requests/svn", null, [401, 404, 404, 404, 404, 404]),
        new("GET", PullRequest + "/merge", null, ProjectReaders),
    ];
}
