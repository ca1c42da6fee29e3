using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary>
/// <c>settings/auto-merge</c> at project and repository level, what auto-merge does when it is off,
/// the merge commit message suggestion, and the merge request details auto-merge keeps.
/// </summary>
public sealed class AutoMergeSettingsTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_repository_inherits_the_project_setting_until_it_sets_its_own(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMS", "inherit", Ct);
        using var admin = server.AdminClient();
        var project = "/rest/api/1.0/projects/AMS/settings/auto-merge";
        var repository = repo.Api + "/settings/auto-merge";

        var initial = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var projectSet = await (await admin.PutAsJsonAsync(project, new { enabled = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var inherited = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var own = await (await admin.PutAsJsonAsync(repository, new { enabled = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        (await admin.DeleteAsync(repository, Ct)).EnsureSuccessStatusCode();
        var back = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        (await admin.DeleteAsync(project, Ct)).EnsureSuccessStatusCode();
        var defaults = await (await admin.GetAsync(project, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.True(initial.GetProperty("enabled").GetBoolean());
        Assert.Equal("GLOBAL", initial.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal("NONE", initial.GetProperty("restrictionState").GetString());
        Assert.False(projectSet.GetProperty("enabled").GetBoolean());
        Assert.Equal("PROJECT", projectSet.GetProperty("scope").GetProperty("type").GetString());
        Assert.False(inherited.GetProperty("enabled").GetBoolean());
        Assert.Equal("PROJECT", inherited.GetProperty("scope").GetProperty("type").GetString());
        Assert.True(own.GetProperty("enabled").GetBoolean());
        Assert.Equal("REPOSITORY", own.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(repo.Id, own.GetProperty("scope").GetProperty("resourceId").GetInt64());
        Assert.False(back.GetProperty("enabled").GetBoolean());
        Assert.True(defaults.GetProperty("enabled").GetBoolean());
        Assert.Equal("GLOBAL", defaults.GetProperty("scope").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_restricted_project_locks_its_repositories_to_its_setting()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMR", "locked", Ct);
        using var admin = server.AdminClient();
        var project = "/rest/api/1.0/projects/AMR/settings/auto-merge";
        var repository = repo.Api + "/settings/auto-merge";
        await (await admin.PutAsJsonAsync(repository, new { enabled = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var restricted = await (await admin.PutAsJsonAsync(project, new { enabled = false, restrictionAction = "CREATE" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var seen = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var refusedPut = await (await admin.PutAsJsonAsync(repository, new { enabled = true }, Ct)).ExpectAsync(HttpStatusCode.Forbidden, Ct);
        await (await admin.DeleteAsync(repository, Ct)).ExpectAsync(HttpStatusCode.Forbidden, Ct);
        var stillRestricted = await (await admin.PutAsJsonAsync(project, new { enabled = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync(project, new { enabled = false, restrictionAction = "DELETE" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var own = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("RESTRICTED_MODIFIABLE", restricted.GetProperty("restrictionState").GetString());
        Assert.False(seen.GetProperty("enabled").GetBoolean());
        Assert.Equal("RESTRICTED_UNMODIFIABLE", seen.GetProperty("restrictionState").GetString());
        Assert.Contains("restriction", refusedPut.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("RESTRICTED_MODIFIABLE", stillRestricted.GetProperty("restrictionState").GetString());
        Assert.True(own.GetProperty("enabled").GetBoolean());
        Assert.Equal("REPOSITORY", own.GetProperty("scope").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Auto_merge_is_refused_with_403_where_it_is_switched_off_and_merging_now_still_works()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMD", "off", Ct);
        using var admin = server.AdminClient();
        await repo.SetAsync(admin, new { requiredSuccessfulBuilds = new { enabled = true, count = 1 } }, Ct);
        await repo.OpenAsync(admin, Ct);
        await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { autoMerge = true })).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/AMD/settings/auto-merge", new { enabled = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var refused = await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { autoMerge = true })).ExpectAsync(HttpStatusCode.Forbidden, Ct);
        var refusedTry = await (await admin.PostAsync(repo.PullRequests + "/1/auto-merge", null, Ct)).ExpectAsync(HttpStatusCode.Forbidden, Ct);
        (await admin.DeleteAsync(repo.PullRequests + "/1/auto-merge", Ct)).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{repo.FeatureHead}/builds", new { key = "ci", state = "SUCCESSFUL", url = "https://ci.example.com/1" }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        var merged = await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Contains("auto-merge setting is not enabled", refused.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.NotNull(refusedTry.ErrorName());
        Assert.Equal("MERGED", merged.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("AMB1", "{}")]
    [InlineData("AMB2", "{\"enabled\":\"yes\"}")]
    [InlineData("AMB3", "{\"enabled\":null}")]
    [InlineData("AMB4", "[true]")]
    [InlineData("AMB5", "{\"enabled\":true,\"restrictionAction\":\"LOCK\"}")]
    [InlineData("AMB6", "{\"enabled\":true,\"restrictionAction\":7}")]
    public async Task Bad_settings_bodies_are_refused_with_400_naming_the_field(string key, string body)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        await server.CreateRepositoryAsync(key, "bad", Ct);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var refused = await (await admin.PutAsync($"/rest/api/1.0/projects/{key}/settings/auto-merge", content, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Contains(refused.GetProperty("errors")[0].GetProperty("context").GetString(), new[] { "enabled", "restrictionAction" });
    }

    [Fact]
    public async Task A_missing_project_or_repository_is_404()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        await (await admin.GetAsync("/rest/api/1.0/projects/NOPE/settings/auto-merge", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/NOPE/repos/none/settings/auto-merge", new { enabled = true }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Fact]
    public async Task The_commit_message_suggestion_is_what_the_merge_writes()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMM", "message", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct, title: "Add the widget");

        var suggestion = await (await admin.GetAsync(repo.PullRequests + "/1/commit-message-suggestion", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var merged = await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.ServerHeadAsync("main", Ct);
        var commit = await repo.CommitAsync(merged.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString()!, Ct);

        Assert.Equal("Pull request #1: Add the widget", suggestion.GetProperty("title").GetString());
        Assert.Equal("Merge in AMM/message from feature to main", suggestion.GetProperty("body").GetString());
        Assert.Equal(suggestion.GetProperty("title").GetString() + "\n\n" + suggestion.GetProperty("body").GetString(), commit.Message.TrimEnd());
        await (await admin.GetAsync(repo.PullRequests + "/9/commit-message-suggestion", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Fact]
    public async Task A_stored_auto_merge_request_keeps_auto_subject_false()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMX", "subject", Ct);
        using var admin = server.AdminClient();
        await repo.SetAsync(admin, new { requiredSuccessfulBuilds = new { enabled = true, count = 1 } }, Ct);
        await repo.OpenAsync(admin, Ct);

        await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { autoMerge = true, autoSubject = false, message = "Just this line" })).ExpectAsync(HttpStatusCode.OK, Ct);
        var request = await (await admin.GetAsync(repo.PullRequests + "/1/auto-merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{repo.FeatureHead}/builds", new { key = "ci", state = "SUCCESSFUL", url = "https://ci.example.com/1" }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        var merged = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.ServerHeadAsync("main", Ct);
        var commit = await repo.CommitAsync(merged.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString()!, Ct);

        Assert.False(request.GetProperty("autoSubject").GetBoolean());
        Assert.Equal("MERGED", merged.GetProperty("state").GetString());
        Assert.Equal("Just this line", commit.Message.TrimEnd());
    }

    [Fact]
    public async Task The_source_branch_in_a_fork_is_deleted_only_when_the_merger_may_write_to_the_fork()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMF", "upstream", Ct);
        using var admin = server.AdminClient();
        await repo.SetAsync(admin, new { deleteSourceBranch = true }, Ct);
        await server.CreateUserAsync("amf-owner", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "amf-owner", "REPO_WRITE", Ct);
        await server.CreateUserAsync("amf-writer", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "amf-writer", "REPO_WRITE", Ct);
        using var owner = server.Client("amf-owner");
        using var writer = server.Client("amf-writer");
        var fork = await (await owner.PostAsJsonAsync(repo.Api, new { name = "amf-fork" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var forkKey = fork.GetProperty("project").GetProperty("key").GetString()!;
        var forkUrl = server.CloneUrl(forkKey, "amf-fork", "amf-owner");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", forkUrl, "refs/heads/feature:refs/heads/kept", "refs/heads/feature:refs/heads/gone");

        var first = await OpenFromForkAsync(owner, repo, forkKey, "kept");
        var byWriter = await (await writer.PostAsJsonAsync($"{repo.PullRequests}/{first}/merge?version=0", new { }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.Tree.GitAsync(Ct, "commit", "--quiet", "--allow-empty", "-m", "next");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", forkUrl, "HEAD:refs/heads/gone");
        var second = await OpenFromForkAsync(owner, repo, forkKey, "gone");
        var byOwner = await (await owner.PostAsJsonAsync($"{repo.PullRequests}/{second}/merge?version=0", new { }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var branches = (await repo.Tree.GitAsync(Ct, "ls-remote", "--heads", forkUrl)).StandardOutput;

        Assert.Equal("MERGED", byWriter.GetProperty("state").GetString());
        Assert.Equal("MERGED", byOwner.GetProperty("state").GetString());
        Assert.Contains("refs/heads/kept", branches, StringComparison.Ordinal);
        Assert.DoesNotContain("refs/heads/gone", branches, StringComparison.Ordinal);
        Assert.True(server.Logs.Contains("cannot write to the fork"));
    }

    private static async Task<long> OpenFromForkAsync(HttpClient owner, PullRequestRepo repo, string forkKey, string branch)
    {
        var opened = await (await owner.PostAsJsonAsync(repo.PullRequests, new
        {
            title = "From my fork: " + branch,
            fromRef = new { id = "refs/heads/" + branch, repository = new { slug = "amf-fork", project = new { key = forkKey } } },
            toRef = new { id = "refs/heads/main", repository = new { slug = repo.Slug, project = new { key = repo.Key } } },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        return opened.GetProperty("id").GetInt64();
    }
}
