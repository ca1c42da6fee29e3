namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>A well-formed commit id the matrix repository does not have: reads answer empty, posts 400.</summary>
    private const string NoSuchCommit = "0123456789abcdef0123456789abcdef01234567";
    private const string Builds = Repo + "/commits/" + NoSuchCommit + "/builds";
    private const string LegacyBuilds = "/rest/build-status/1.0/commits";
    private const string RequiredBuilds = "/rest/required-builds/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug;
    private static readonly int[] AdminsFindNothing = [401, 404, 401, 401, 404, 404];

    /// <summary>Build statuses, required builds, Code Insights and default reviewers.</summary>
    private static MatrixRow[] BuildAndInsightRows =>
    [
        new("POST", Builds, s => new { key = "m" + s, state = "SUCCESSFUL", url = "https://ci.example.com/" + s }, [401, 404, 400, 400, 400, 400]),
        new("GET", Builds, null, ProjectReaders),
        new("GET", Builds + "?key=none", null, [401, 404, 404, 404, 404, 404]),
        new("DELETE", Builds + "?key=none", null, [401, 404, 401, 401, 404, 404]),
        new("POST", LegacyBuilds + "/" + NoSuchCommit, s => new { key = "m" + s, state = "SUCCESSFUL", url = "https://ci.example.com/" + s }, [401, 204, 204, 204, 204, 204]),
        new("GET", LegacyBuilds + "/" + NoSuchCommit, null, Licensed),
        new("GET", LegacyBuilds + "/stats/" + NoSuchCommit, null, Licensed),
        new("POST", LegacyBuilds + "/stats", _ => new[] { NoSuchCommit }, Licensed),
        new("GET", RequiredBuilds + "/conditions", null, ProjectReaders),
        new("POST", RequiredBuilds + "/condition", s => new { buildParentKeys = new[] { "m" + s }, refMatcher = new { id = "refs/heads/nothing-" + s, type = new { id = "BRANCH" } } }, ProjectAdmins),
        new("PUT", RequiredBuilds + "/condition/999999", s => new { buildParentKeys = new[] { "m" + s }, refMatcher = new { id = "nothing", type = new { id = "BRANCH" } } }, AdminsFindNothing),
        new("DELETE", RequiredBuilds + "/condition/999999", null, AdminsFindNothing),
    ];
}
