namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>A well-formed commit id the matrix repository does not have: reads answer empty, posts 400.</summary>
    private const string NoSuchCommit = "0123456789abcdef0123456789abcdef01234567";
    private const string Builds = Repo + "/commits/" + NoSuchCommit + "/builds";
    private const string LegacyBuilds = "/rest/build-status/1.0/commits";
    private const string RequiredBuilds = "/rest/required-builds/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug;
    private const string Insights = "/rest/insights/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug;
    private const string NoCommitInsights = Insights + "/commits/" + NoSuchCommit;
    private const string ProjectDefaultReviewers = "/rest/default-reviewers/1.0/projects/" + MatrixWorld.ProjectKey;
    private const string RepoDefaultReviewers = ProjectDefaultReviewers + "/repos/" + MatrixWorld.RepoSlug;
    private static readonly int[] ReadersFindNothing = [401, 404, 404, 404, 404, 404];
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
        new("GET", Api + "/build/capabilities", null, Everyone),
        new("GET", RequiredBuilds + "/conditions", null, ProjectReaders),
        new("POST", RequiredBuilds + "/condition", s => new { buildParentKeys = new[] { "m" + s }, refMatcher = new { id = "refs/heads/nothing-" + s, type = new { id = "BRANCH" } } }, ProjectAdmins),
        new("PUT", RequiredBuilds + "/condition/999999", s => new { buildParentKeys = new[] { "m" + s }, refMatcher = new { id = "nothing", type = new { id = "BRANCH" } } }, AdminsFindNothing),
        new("DELETE", RequiredBuilds + "/condition/999999", null, AdminsFindNothing),
        new("GET", NoCommitInsights + "/reports", null, ProjectReaders),
        new("PUT", NoCommitInsights + "/reports/m{s}", _ => new { title = "Matrix" }, [401, 404, 400, 400, 400, 400]),
        new("GET", NoCommitInsights + "/reports/none", null, ReadersFindNothing),
        new("DELETE", NoCommitInsights + "/reports/none", null, ReadersFindNothing),
        new("POST", NoCommitInsights + "/reports/none/annotations", _ => new { annotations = new[] { new { message = "m", severity = "LOW" } } }, ReadersFindNothing),
        new("GET", NoCommitInsights + "/reports/none/annotations", null, ReadersFindNothing),
        new("DELETE", NoCommitInsights + "/reports/none/annotations", null, ReadersFindNothing),
        new("PUT", NoCommitInsights + "/reports/none/annotations/x", _ => new { message = "m", severity = "LOW" }, ReadersFindNothing),
        new("GET", NoCommitInsights + "/annotations", null, ProjectReaders),
        new("GET", Insights + "/required-reports", null, ProjectReaders),
        new("POST", Insights + "/required-reports", s => new { reportKey = "m" + s, refMatcher = new { id = "nothing-" + s, type = new { id = "BRANCH" } } }, ProjectAdmins),
        new("PUT", Insights + "/required-reports/999999", s => new { reportKey = "m" + s }, AdminsFindNothing),
        new("DELETE", Insights + "/required-reports/999999", null, AdminsFindNothing),
        new("GET", ProjectDefaultReviewers + "/conditions", null, ProjectReaders),
        new("POST", ProjectDefaultReviewers + "/condition", DefaultReviewersCondition, ProjectAdmins),
        new("PUT", ProjectDefaultReviewers + "/condition/999999", DefaultReviewersCondition, AdminsFindNothing),
        new("DELETE", ProjectDefaultReviewers + "/condition/999999", null, AdminsFindNothing),
        new("GET", RepoDefaultReviewers + "/conditions", null, ProjectReaders),
        new("POST", RepoDefaultReviewers + "/condition", DefaultReviewersCondition, ProjectAdmins),
        new("PUT", RepoDefaultReviewers + "/condition/999999", DefaultReviewersCondition, AdminsFindNothing),
        new("DELETE", RepoDefaultReviewers + "/condition/999999", null, AdminsFindNothing),
        new("GET", RepoDefaultReviewers + "/reviewers", null, [401, 404, 400, 400, 400, 400]),
    ];

    /// <summary>A condition no matrix pull request matches: it names the bystander for an unused target branch.</summary>
    private static object DefaultReviewersCondition(string suffix) => new
    {
        sourceMatcher = new { id = RefMatcherAnyRef, type = new { id = "ANY_REF" } },
        targetMatcher = new { id = "refs/heads/nothing-" + suffix, type = new { id = "BRANCH" } },
        reviewers = new[] { new { name = Bystander } },
        requiredApprovals = 0,
    };

    private const string RefMatcherAnyRef = "ANY_REF_MATCHER_ID";
}
