using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>
/// A reviewer's whole day over REST with real pushes: open, comment inline, ask for changes, push a
/// fix, approve, watch the merge checks turn green as CI reports, merge, and find every step recorded.
/// </summary>
public sealed class ReviewerLoopTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_reviewers_loop_ends_in_a_merge_once_approvals_and_ci_say_so(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reviewer = "loop-reviewer-" + provider;
        using var repo = await PullRequestRepo.CreateAsync(server, "LOOP", "day", Ct);
        await server.CreateUserAsync(reviewer, Ct);
        await server.GrantRepositoryAsync("LOOP", "day", reviewer, "REPO_WRITE", Ct);
        using var admin = server.AdminClient();
        using var user = server.Client(reviewer);
        var pr = repo.PullRequests + "/1";

        await (await admin.PostAsJsonAsync(repo.Api + "/settings/pull-requests", new { requiredApprovers = new { enabled = true, count = "1" } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync($"/rest/required-builds/latest/projects/{repo.Key}/repos/{repo.Slug}/condition", new
        {
            buildParentKeys = new[] { "ci" },
            refMatcher = new { id = "refs/heads/main", type = new { id = "BRANCH" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync($"/rest/insights/1.0/projects/{repo.Key}/repos/{repo.Slug}/required-reports", new
        {
            reportKey = "lint", mustPass = true, refMatcher = new { id = "refs/heads/main", type = new { id = "BRANCH" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.OpenAsync(admin, Ct, reviewers: [reviewer]);

        // The reviewer comments on the changed line and asks for changes.
        var comment = await (await user.PostAsJsonAsync(pr + "/comments", new
        {
            text = "Spell the number out, please.",
            anchor = new { path = "src/app.txt", line = 2, lineType = "ADDED", fileType = "TO", diffType = "EFFECTIVE", fromHash = repo.MainHead, toHash = repo.FeatureHead },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var participant = pr + "/participants/" + reviewer.ToLowerInvariant();
        await (await user.PutAsJsonAsync(participant, new { status = "NEEDS_WORK" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        // The author pushes the fix; the pull request follows the branch.
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "feature");
        await repo.Tree.WriteAsync("src/app.txt", "one\ntwo (fixed)\nthree\nfour\n");
        var fix = await repo.Tree.CommitAsync("spell it out", Ct);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "feature");
        var rescoped = await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(fix, rescoped.GetProperty("fromRef").GetProperty("latestCommit").GetString());

        await (await user.PutAsJsonAsync(participant, new { status = "APPROVED" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        // Approved, but CI has not spoken: the required build and the required report veto the merge.
        var waiting = await (await admin.GetAsync(pr + "/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.False(waiting.GetProperty("canMerge").GetBoolean());
        var vetoes = waiting.GetProperty("vetoes").EnumerateArray().Select(v => v.GetProperty("detailedMessage").GetString()!).ToList();
        Assert.Equal(2, vetoes.Count);
        Assert.Contains(vetoes, v => v.Contains("ci", StringComparison.Ordinal));
        Assert.Contains(vetoes, v => v.Contains("lint", StringComparison.Ordinal));
        var early = await (await admin.PostAsync(pr + "/merge?version=" + rescoped.GetProperty("version").GetInt32(), null, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        Assert.Equal(fix, await BranchHeadAsync(repo, "feature"));
        Assert.Contains("ci", early.ToString(), StringComparison.Ordinal);

        // CI reports a green build and an Insights report on the new head.
        await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{fix}/builds", new
        {
            key = "ci", state = "SUCCESSFUL", url = "https://ci.example.com/1", name = "CI #1",
        }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var report = await (await admin.PutAsJsonAsync($"/rest/insights/latest/projects/{repo.Key}/repos/{repo.Slug}/commits/{fix}/reports/lint", new
        {
            title = "Lint", result = "PASS", data = new object[] { new { title = "Warnings", type = "NUMBER", value = 0 } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("PASS", report.GetProperty("result").GetString());

        var ready = await (await admin.GetAsync(pr + "/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.True(ready.GetProperty("canMerge").GetBoolean(), ready.ToString());
        Assert.Empty(ready.GetProperty("vetoes").EnumerateArray());

        var merged = await (await admin.PostAsync(pr + "/merge?version=" + rescoped.GetProperty("version").GetInt32(), null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("MERGED", merged.GetProperty("state").GetString());
        var mainHead = await BranchHeadAsync(repo, "main");
        Assert.Equal(mainHead, merged.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString());
        Assert.Equal([repo.MainHead, fix], await ParentsAsync(repo, mainHead));

        var actions = await ActivityActionsAsync(admin, pr);
        Assert.Equal(["MERGED", "APPROVED", "RESCOPED", "REVIEWED", "COMMENTED", "OPENED"], actions);
        foreach (var eventKey in new[] { "pr:opened", "pr:comment:added", "pr:reviewer:needs_work", "pr:from_ref_updated", "pr:reviewer:approved", "pr:merged" })
        {
            Assert.Single(await PullRequestLifecycleTests.EventsAsync(server, eventKey, repo.Slug));
        }

        // The fix rewrote the commented line, so the comment is outdated: out of the active list, kept in ALL.
        var active = await (await admin.GetAsync(pr + "/comments?path=src/app.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var all = await (await admin.GetAsync(pr + "/comments?path=src/app.txt&anchorState=ALL", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(0, active.Values().GetArrayLength());
        var outdated = Assert.Single(all.Values().EnumerateArray());
        Assert.Equal(comment.GetProperty("id").GetInt64(), outdated.GetProperty("id").GetInt64());
        Assert.True(outdated.GetProperty("anchor").GetProperty("orphaned").GetBoolean());
    }

    [Theory]
    [InlineData("no-ff", 2, false)]
    [InlineData("ff", 1, true)]
    [InlineData("ff-only", 1, true)]
    [InlineData("squash", 1, false)]
    [InlineData("squash-ff-only", 1, false)]
    [InlineData("rebase-no-ff", 2, false)]
    [InlineData("rebase-ff-only", 1, true)]
    public async Task Each_strategy_merges_the_change_with_its_own_history(string strategy, int parents, bool keepsTheSourceCommit)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var slug = "strategy-" + strategy;
        using var repo = await PullRequestRepo.CreateAsync(server, "LOOP", slug, Ct);
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync(repo.Api + "/settings/pull-requests", new
        {
            mergeConfig = new { defaultStrategy = new { id = strategy }, strategies = new[] { new { id = strategy } } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.OpenAsync(admin, Ct);

        var merged = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/merge?version=0", new { strategyId = strategy }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("MERGED", merged.GetProperty("state").GetString());
        var mainHead = await BranchHeadAsync(repo, "main");
        Assert.Equal(parents, (await ParentsAsync(repo, mainHead)).Count);
        Assert.Equal(keepsTheSourceCommit, mainHead == repo.FeatureHead);
        Assert.Equal("one\n2\nthree\nfour\n", (await repo.Tree.GitAsync(Ct, "show", mainHead + ":src/app.txt")).StandardOutput);
        Assert.Equal(mainHead, merged.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString());
        Assert.Equal("MERGED", (await ActivityActionsAsync(admin, repo.PullRequests + "/1"))[0]);
    }

    private static async Task<string> BranchHeadAsync(PullRequestRepo repo, string branch)
    {
        await repo.Tree.GitAsync(Ct, "fetch", "--quiet", repo.Url, $"+refs/heads/{branch}:refs/remotes/server/{branch}");
        return (await repo.Tree.GitAsync(Ct, "rev-parse", $"refs/remotes/server/{branch}")).StandardOutput.Trim();
    }

    private static async Task<List<string>> ParentsAsync(PullRequestRepo repo, string commit) =>
        (await repo.Tree.GitAsync(Ct, "rev-list", "--parents", "-n", "1", commit)).StandardOutput.Trim().Split(' ').Skip(1).ToList();

    private static async Task<List<string?>> ActivityActionsAsync(HttpClient client, string pr) =>
        (await (await client.GetAsync(pr + "/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).Values().EnumerateArray()
            .Select(a => a.GetProperty("action").GetString()).ToList();
}
