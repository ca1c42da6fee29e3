namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>The pull request lifecycle, participants, activities and dashboards.</summary>
    private static MatrixRow[] PullRequestRows =>
    [
        new("GET", Repo + "/pull-requests", null, ProjectReaders),
        // Pull request 1 already goes from feature to main: whoever may open one gets Bitbucket's duplicate conflict.
        new("POST", Repo + "/pull-requests", _ => new { title = "again", fromRef = new { id = "refs/heads/feature" }, toRef = new { id = "refs/heads/main" } }, [401, 404, 409, 409, 409, 409]),
        new("GET", PullRequest, null, ProjectReaders),
        new("GET", Repo + "/pull-requests/999", null, [401, 404, 404, 404, 404, 404]),
        new("PUT", PullRequest, _ => new { version = 99, title = "t" }, [401, 404, 401, 409, 409, 409]),
        // Stale versions: who may act gets the version conflict, and nothing changes.
        new("DELETE", PullRequest, _ => new { version = 99 }, [401, 404, 401, 401, 409, 409]),
        new("POST", PullRequest + "/decline?version=99", null, [401, 404, 409, 409, 409, 409]),
        new("POST", PullRequest + "/reopen?version=99", null, [401, 404, 409, 409, 409, 409]),
        new("GET", PullRequest + "/participants", null, ProjectReaders),
        new("POST", PullRequest + "/participants", _ => new { user = new { name = MatrixWorld.UserName(Role.Read) }, role = "REVIEWER" }, [401, 404, 401, 200, 200, 200]),
        new("DELETE", PullRequest + "/participants/" + Bystander, null, [401, 404, 401, 404, 404, 404]),
        new("DELETE", PullRequest + "/participants?username=" + Bystander, null, [401, 404, 401, 404, 404, 404]),
        // The administrator wrote pull request 1, and an author never approves or withdraws an approval.
        new("DELETE", PullRequest + "/approve", null, [401, 404, 200, 200, 200, 400]),
        new("DELETE", PullRequest + "/watch", null, [401, 404, 204, 204, 204, 204]),
        new("GET", PullRequest + "/activities", null, ProjectReaders),
        new("POST", PullRequest + "/watch", null, [401, 404, 204, 204, 204, 204]),
        new("GET", Repo + "/commits/main/pull-requests", null, ProjectReaders),
        new("GET", Api + "/dashboard/pull-requests", null, Licensed),
        new("GET", Api + "/inbox/pull-requests", null, Licensed),
        new("GET", Api + "/inbox/pull-requests/count", null, Licensed),
    ];
}
