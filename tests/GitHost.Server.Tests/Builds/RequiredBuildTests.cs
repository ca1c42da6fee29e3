using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Builds;

/// <summary>Required builds conditions (<c>/rest/required-builds/1.0</c>) and the merge check they drive.</summary>
public sealed class RequiredBuildTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Conditions(PullRequestRepo repo) => $"/rest/required-builds/1.0/projects/{repo.Key}/repos/{repo.Slug}";

    [Theory]
    [AllDatabases]
    public async Task A_required_build_vetoes_the_merge_until_it_is_green_on_the_source_head(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "RQB", "veto-" + provider.ToString().ToLowerInvariant(), Ct);
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync(Conditions(repo) + "/condition", new
        {
            buildParentKeys = new[] { "ci", "lint" },
            refMatcher = new { id = "refs/heads/main", type = new { id = "BRANCH" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.OpenAsync(admin, Ct);
        var builds = $"{repo.Api}/commits/{repo.FeatureHead}/builds";
        var merge = repo.PullRequests + "/1/merge";

        var none = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync(builds, new { key = "ci", state = "SUCCESSFUL", url = "https://ci.example.com/1" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PostAsJsonAsync(builds, new { key = "lint-linux", parent = "lint", state = "FAILED", url = "https://ci.example.com/2" }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        var failed = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync(builds, new { key = "lint-linux", parent = "lint", state = "SUCCESSFUL", url = "https://ci.example.com/3" }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        var green = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.False(none.GetProperty("canMerge").GetBoolean());
        var veto = Assert.Single(none.GetProperty("vetoes").EnumerateArray());
        Assert.Equal("Not all required builds are successful yet", veto.GetProperty("summaryMessage").GetString());
        Assert.Contains("ci (no build yet)", veto.GetProperty("detailedMessage").GetString());
        Assert.Contains("lint (no build yet)", veto.GetProperty("detailedMessage").GetString());
        var failedVeto = Assert.Single(failed.GetProperty("vetoes").EnumerateArray()).GetProperty("detailedMessage").GetString();
        Assert.Contains("lint (failed)", failedVeto);
        Assert.DoesNotContain("ci (", failedVeto);
        Assert.True(green.GetProperty("canMerge").GetBoolean());
        Assert.Empty(green.GetProperty("vetoes").EnumerateArray());
    }

    [Fact]
    public async Task Conditions_are_listed_replaced_and_deleted_and_only_matching_targets_and_unexempt_sources_are_checked()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RQB", "crud", Ct);
        using var admin = server.AdminClient();
        var created = await (await admin.PostAsJsonAsync(Conditions(repo) + "/condition", new
        {
            buildParentKeys = new[] { "ci" },
            refMatcher = new { id = "release/*", type = new { id = "PATTERN" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var id = created.GetProperty("id").GetInt64();
        await repo.OpenAsync(admin, Ct);
        var merge = repo.PullRequests + "/1/merge";

        var otherTarget = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var replaced = await (await admin.PutAsJsonAsync(Conditions(repo) + "/condition/" + id, new
        {
            buildParentKeys = new[] { "ci" },
            refMatcher = new { id = "ANY_REF_MATCHER_ID", type = new { id = "ANY_REF" } },
            exemptRefMatcher = new { id = "feature", type = new { id = "BRANCH" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var exempt = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync(Conditions(repo) + "/condition/" + id, new
        {
            buildParentKeys = new[] { "ci" },
            refMatcher = new { id = "development", type = new { id = "MODEL_BRANCH" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var development = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var listed = await (await admin.GetAsync(Conditions(repo) + "/conditions", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync(Conditions(repo) + "/condition/" + id, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var afterDelete = await (await admin.GetAsync(Conditions(repo) + "/conditions", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync(Conditions(repo) + "/condition/" + id, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Equal("PATTERN", created.GetProperty("refMatcher").GetProperty("type").GetProperty("id").GetString());
        Assert.Equal("release/*", created.GetProperty("refMatcher").GetProperty("displayId").GetString());
        Assert.True(otherTarget.GetProperty("canMerge").GetBoolean());
        Assert.Equal("refs/heads/feature", replaced.GetProperty("exemptRefMatcher").GetProperty("id").GetString());
        Assert.Equal("feature", replaced.GetProperty("exemptRefMatcher").GetProperty("displayId").GetString());
        Assert.True(exempt.GetProperty("canMerge").GetBoolean());
        Assert.False(development.GetProperty("canMerge").GetBoolean());
        var only = Assert.Single(listed.Values().EnumerateArray());
        Assert.Equal("MODEL_BRANCH", only.GetProperty("refMatcher").GetProperty("type").GetProperty("id").GetString());
        Assert.Equal(0, afterDelete.Values().GetArrayLength());
    }

    [Fact]
    public async Task Legacy_statuses_count_and_a_build_in_progress_keeps_the_veto()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RQB", "legacy", Ct);
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync(Conditions(repo) + "/condition", new
        {
            buildParentKeys = new[] { "jenkins" },
            refMatcher = new { id = "ANY_REF_MATCHER_ID", type = new { id = "ANY_REF" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.OpenAsync(admin, Ct);
        var legacy = "/rest/build-status/1.0/commits/" + repo.FeatureHead;
        var merge = repo.PullRequests + "/1/merge";

        await (await admin.PostAsJsonAsync(legacy, new { key = "jenkins", state = "INPROGRESS", url = "https://ci.example.com/1" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var running = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync(legacy, new { key = "jenkins", state = "SUCCESSFUL", url = "https://ci.example.com/1" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var green = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.PushAsync("feature", "untested change", Ct);
        var moved = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Contains("jenkins (in progress)", Assert.Single(running.GetProperty("vetoes").EnumerateArray()).GetProperty("detailedMessage").GetString());
        Assert.True(green.GetProperty("canMerge").GetBoolean());
        Assert.Contains("jenkins (no build yet)", Assert.Single(moved.GetProperty("vetoes").EnumerateArray()).GetProperty("detailedMessage").GetString());
    }

    [Theory]
    [InlineData("{\"refMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}}}", "buildParentKeys")]
    [InlineData("{\"buildParentKeys\":[],\"refMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}}}", "buildParentKeys")]
    [InlineData("{\"buildParentKeys\":[\"  \"],\"refMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}}}", "buildParentKeys")]
    [InlineData("{\"buildParentKeys\":[\"ci\\u0000\"],\"refMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}}}", "buildParentKeys")]
    [InlineData("{\"buildParentKeys\":[\"ci\"]}", "refMatcher")]
    [InlineData("{\"buildParentKeys\":[\"ci\"],\"refMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"REGEX\"}}}", "refMatcher")]
    [InlineData("{\"buildParentKeys\":[\"ci\"],\"refMatcher\":{\"type\":{\"id\":\"BRANCH\"}}}", "refMatcher")]
    [InlineData("{\"buildParentKeys\":[\"ci\"],\"refMatcher\":{\"id\":\"SOMETHING\",\"type\":{\"id\":\"MODEL_CATEGORY\"}}}", "refMatcher")]
    [InlineData("{\"buildParentKeys\":[\"ci\"],\"refMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"exemptRefMatcher\":{\"id\":\"x\"}}", "exemptRefMatcher")]
    public async Task Invalid_conditions_are_rejected_naming_the_field(string json, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RQB", "invalid-" + Guid.NewGuid().ToString("N")[..8], Ct);
        using var admin = server.AdminClient();

        var error = await (await admin.PostAsync(Conditions(repo) + "/condition", new StringContent(json, Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Fact]
    public async Task Malformed_oversized_and_unauthorised_writes_are_rejected_and_nothing_is_stored()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RQB", "bad", Ct);
        await server.CreateUserAsync("rqb-reader", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "rqb-reader", "REPO_READ", Ct);
        using var admin = server.AdminClient();
        using var reader = server.Client("rqb-reader");
        var valid = new { buildParentKeys = new[] { "ci" }, refMatcher = new { id = "main", type = new { id = "BRANCH" } } };

        await (await admin.PostAsync(Conditions(repo) + "/condition", new StringContent("{\"buildParentKeys\":", Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsJsonAsync(Conditions(repo) + "/condition", new { buildParentKeys = Enumerable.Range(0, 101).Select(i => "k" + i), refMatcher = valid.refMatcher }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsJsonAsync(Conditions(repo) + "/condition", new { buildParentKeys = new[] { new string('k', 256) }, refMatcher = valid.refMatcher }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsJsonAsync(Conditions(repo) + "/condition", new { buildParentKeys = new[] { "ci" }, refMatcher = new { id = new string('r', 2000), type = new { id = "PATTERN" } } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await reader.PostAsJsonAsync(Conditions(repo) + "/condition", valid, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await admin.PutAsJsonAsync(Conditions(repo) + "/condition/999999", valid, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PostAsJsonAsync($"/rest/required-builds/1.0/projects/{repo.Key}/repos/nope/condition", valid, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var listed = await (await reader.GetAsync(Conditions(repo) + "/conditions", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(0, listed.Values().GetArrayLength());
    }
}
