namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private const string ProjectPullRequestSettings = Project + "/settings/pull-requests/git";

    /// <summary>Merging, merge checks, pull request settings, auto-merge and auto-decline.</summary>
    private static MatrixRow[] MergeRows =>
    [
        new("GET", Repo + "/settings/pull-requests", null, ProjectReaders),
        new("POST", Repo + "/settings/pull-requests", _ => new { requiredAllTasksComplete = false }, ProjectAdmins),
        new("GET", ProjectPullRequestSettings, null, ProjectReaders),
        new("POST", ProjectPullRequestSettings, _ => new { requiredAllApprovers = false }, ProjectAdmins),
        new("GET", Project + "/settings/pull-requests/svn", null, [401, 404, 404, 404, 404, 404]),
        new("GET", PullRequest + "/merge", null, ProjectReaders),
        new("POST", PullRequest + "/merge", _ => new { version = 99 }, [401, 404, 401, 409, 409, 409]),
        new("POST", PullRequest + "/merge?version=99", _ => new { autoMerge = true }, [401, 404, 401, 409, 409, 409]),
        new("GET", PullRequest + "/auto-merge", null, [401, 404, 204, 204, 204, 204]),
        new("POST", PullRequest + "/auto-merge", null, [401, 404, 401, 400, 400, 400]),
        new("DELETE", PullRequest + "/auto-merge", null, [401, 404, 401, 204, 204, 204]),
        new("GET", PullRequest + "/commit-message-suggestion", null, ProjectReaders),
        new("GET", Repo + "/settings/auto-merge", null, ProjectReaders),
        new("PUT", Repo + "/settings/auto-merge", _ => new { enabled = true }, ProjectAdmins),
        new("DELETE", Repo + "/settings/auto-merge", null, ProjectAdminsStore),
        new("GET", Project + "/settings/auto-merge", null, ProjectReaders),
        new("PUT", Project + "/settings/auto-merge", _ => new { enabled = true, restrictionAction = "NONE" }, ProjectAdmins),
        new("DELETE", Project + "/settings/auto-merge", null, ProjectAdminsStore),
        new("GET", Repo + "/settings/auto-decline", null, ProjectReaders),
        new("PUT", Repo + "/settings/auto-decline", _ => new { enabled = false, inactivityWeeks = 4 }, ProjectAdmins),
        new("DELETE", Repo + "/settings/auto-decline", null, ProjectAdminsStore),
        new("GET", Project + "/settings/auto-decline", null, ProjectReaders),
        new("PUT", Project + "/settings/auto-decline", _ => new { enabled = false, inactivityWeeks = 12 }, ProjectAdmins),
        new("DELETE", Project + "/settings/auto-decline", null, ProjectAdminsStore),
    ];
}
