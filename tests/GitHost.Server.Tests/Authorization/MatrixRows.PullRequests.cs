namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>The pull request lifecycle, participants, activities and dashboards.</summary>
    private static MatrixRow[] PullRequestRows =>
    [
        new("GET", Repo + "/pull-requests", null, ProjectReaders),
        new("GET", PullRequest, null, ProjectReaders),
        new("GET", Repo + "/pull-requests/999", null, [401, 404, 404, 404, 404, 404]),
        new("PUT", PullRequest, _ => new { version = 99, title = "t" }, [401, 404, 401, 409, 409, 409]),
        new("GET", PullRequest + "/participants", null, ProjectReaders),
        new("GET", PullRequest + "/activities", null, ProjectReaders),
        new("POST", PullRequest + "/watch", null, [401, 404, 204, 204, 204, 204]),
        new("GET", Repo + "/commits/main/pull-requests", null, ProjectReaders),
        new("GET", Api + "/dashboard/pull-requests", null, Licensed),
        new("GET", Api + "/inbox/pull-requests/count", null, Licensed),
    ];
}
