namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private const string GitPullRequests = "/rest/git/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/pull-requests";
    private const string GitPullRequest = GitPullRequests + "/1";
    private const string JiraPullRequest = "/rest/jira/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/pull-requests/1";

    /// <summary>
    /// Rebasing a pull request's source branch (the <c>git</c> module: readers see the vetoes, writers may rebase),
    /// pull request suggestions (any user) and a pull request's Jira issue keys (the <c>jira</c> module: readers).
    /// </summary>
    private static MatrixRow[] PullRequestExtraRows =>
    [
        new("GET", GitPullRequest + "/rebase", null, ProjectReaders),
        new("GET", "/rest/git/latest/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/pull-requests/1/rebase", null, ProjectReaders),
        new("GET", GitPullRequests + "/999/rebase", null, [401, 404, 404, 404, 404, 404]),
        new("POST", GitPullRequest + "/rebase", _ => new { version = 99 }, [401, 404, 401, 409, 409, 409]),
        new("GET", Api + "/dashboard/pull-request-suggestions", null, Licensed),
        new("GET", "/rest/api/latest/dashboard/pull-request-suggestions?changesSince=3600&limit=5", null, Licensed),
        new("GET", JiraPullRequest + "/issues", null, ProjectReaders),
        new("GET", "/rest/jira/latest/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/pull-requests/1/issues", null, ProjectReaders),
        new("GET", "/rest/jira/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug + "/pull-requests/999/issues", null, [401, 404, 404, 404, 404, 404]),
    ];
}
