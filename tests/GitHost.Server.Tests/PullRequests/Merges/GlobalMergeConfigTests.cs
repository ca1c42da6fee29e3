using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary>
/// The instance-wide merge configuration (<c>/rest/api/1.0/admin/pull-requests/git</c>): Bitbucket's
/// <c>RestPullRequestMergeConfig</c>, inherited below project and repository, written by ADMIN only.
/// Its own class, so its server's global setting reaches no other test.
/// </summary>
public sealed class GlobalMergeConfigTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Global = "/rest/api/1.0/admin/pull-requests/git";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Config(params string[] strategies) => new
    {
        mergeConfig = new { defaultStrategy = new { id = strategies[0] }, strategies = strategies.Select(id => new { id }).ToArray() },
    };

    /// <summary>Both tests share their server: each starts from no global configuration and counts only its own records.</summary>
    private static async Task<long> ResetAsync(GitHostTestServer server, HttpClient admin)
    {
        await (await admin.PostAsJsonAsync(Global, new { mergeConfig = new { } }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        return await server.WithDatabaseAsync(db => db.AuditEvents.Select(e => (long?)e.Id).MaxAsync(Ct)) ?? 0;
    }

    [Theory]
    [AllDatabases]
    public async Task Projects_and_repositories_without_their_own_inherit_the_global_merge_config_and_merge_with_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "GMC", "inherits", Ct);
        await server.CreateRepositoryAsync("GMO", "own", Ct);
        using var admin = server.AdminClient();
        const string projectSettings = "/rest/api/1.0/projects/GMC/settings/pull-requests/git";
        var since = await ResetAsync(server, admin);

        var before = await (await admin.GetAsync(Global, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var saved = await (await admin.PostAsJsonAsync(Global, Config("squash", "ff"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var viaLatest = await (await admin.GetAsync("/rest/api/latest/admin/pull-requests/git", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var repository = await (await admin.GetAsync(repo.Api + "/settings/pull-requests", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var project = await (await admin.GetAsync(projectSettings, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/GMO/settings/pull-requests/git", Config("ff-only"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var ownProject = await (await admin.GetAsync("/rest/api/1.0/projects/GMO/repos/own/settings/pull-requests", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.OpenAsync(admin, Ct);
        var merged = await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var head = await repo.ServerHeadAsync("main", Ct);
        var commit = await repo.CommitAsync(head!, Ct);

        Assert.Equal("default", before.GetProperty("type").GetString());
        Assert.Equal("no-ff", before.GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal("scm", saved.GetProperty("type").GetString());
        Assert.Equal("squash", saved.GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal(["ff", "squash"], saved.GetProperty("strategies").EnumerateArray().Where(s => s.GetProperty("enabled").GetBoolean()).Select(s => s.GetProperty("id").GetString()).Order());
        Assert.Equal(7, saved.GetProperty("strategies").GetArrayLength());
        Assert.False(saved.TryGetProperty("mergeConfig", out _));
        Assert.Equal("squash", viaLatest.GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal("scm", repository.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal("squash", repository.GetProperty("mergeConfig").GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal("scm", project.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal("project", ownProject.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal("ff-only", ownProject.GetProperty("mergeConfig").GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal("MERGED", merged.GetProperty("state").GetString());
        Assert.Single(commit.Parents);
        Assert.Equal(repo.MainHead, commit.Parents[0]);

        // An empty mergeConfig removes the global level: back to the built-in default, and the change is audited.
        var removed = await (await admin.PostAsJsonAsync(Global, new { mergeConfig = new { } }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var after = await (await admin.GetAsync(repo.Api + "/settings/pull-requests", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var records = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Id > since && e.Action == "settings.merge-config.changed").OrderBy(e => e.Id).ToListAsync(Ct));

        Assert.Equal("default", removed.GetProperty("type").GetString());
        Assert.Equal("default", after.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal(2, records.Count);
        Assert.Contains("squash", records[0].After);
        Assert.Contains("squash", records[1].Before);
        Assert.Null(records[1].After);
    }

    [Theory]
    [AllDatabases]
    public async Task Signed_in_users_read_it_only_administrators_change_it_and_bad_input_changes_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("gmc-user", Ct);
        await server.CreateUserAsync("gmc-creator", Ct, GitHost.Core.Permissions.Permission.ProjectCreate);
        await server.CreateUserAsync("gmc-admin", Ct, GitHost.Core.Permissions.Permission.Admin);
        using var anonymous = server.Client();
        using var user = server.Client("gmc-user");
        using var creator = server.Client("gmc-creator");
        using var globalAdmin = server.Client("gmc-admin");
        using var admin = server.AdminClient();
        var since = await ResetAsync(server, admin);

        await (await anonymous.GetAsync(Global, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await anonymous.PostAsJsonAsync(Global, Config("squash"), Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var read = await (await user.GetAsync(Global, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await user.PostAsJsonAsync(Global, Config("squash"), Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await creator.PostAsJsonAsync(Global, Config("squash"), Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var byAdmin = await (await globalAdmin.PostAsJsonAsync(Global, Config("rebase-no-ff", "no-ff"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var unknownScm = await (await admin.GetAsync("/rest/api/1.0/admin/pull-requests/svn", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/pull-requests/hg", Config("squash"), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PostAsync(Global, new StringContent("{\"mergeConfig\":", Encoding.UTF8, "application/json"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsync(Global, new StringContent("[]", Encoding.UTF8, "application/json"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var unknownStrategy = await (await admin.PostAsJsonAsync(Global, Config("octopus"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var defaultNotEnabled = await (await admin.PostAsJsonAsync(Global,
            new { mergeConfig = new { defaultStrategy = new { id = "squash" }, strategies = new[] { new { id = "ff" } } } }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var longTemplate = await (await admin.PostAsJsonAsync(Global,
            new { mergeConfig = new { defaultStrategy = new { id = "squash" }, commitMessageTemplate = new { title = new string('t', 2001) } } }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var checksIgnored = await (await admin.PostAsJsonAsync(Global, new { requiredAllTasksComplete = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await server.CreateRepositoryAsync("GMA", "checks", Ct);
        var repository = await (await admin.GetAsync("/rest/api/1.0/projects/GMA/repos/checks/settings/pull-requests", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var now = await (await user.GetAsync(Global, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var recorded = await server.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Id > since && e.Action == "settings.merge-config.changed", Ct));

        Assert.Equal("default", read.GetProperty("type").GetString());
        Assert.Equal("rebase-no-ff", byAdmin.GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Contains("git", unknownScm.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("mergeConfig", unknownStrategy.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("mergeConfig", defaultNotEnabled.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("mergeConfig", longTemplate.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("rebase-no-ff", checksIgnored.GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.False(repository.GetProperty("requiredAllTasksComplete").GetBoolean());
        Assert.Equal("scm", repository.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal("rebase-no-ff", now.GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal(1, recorded);
    }
}
