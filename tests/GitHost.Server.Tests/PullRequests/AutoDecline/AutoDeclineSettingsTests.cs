using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.AutoDecline;

/// <summary><c>settings/auto-decline</c> at project and repository level: inheritance, the GLOBAL default and bad bodies.</summary>
public sealed class AutoDeclineSettingsTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_repository_inherits_the_project_setting_until_it_sets_its_own(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var repositoryId = await server.CreateRepositoryAsync("ADS", "inherit", Ct);
        var project = "/rest/api/1.0/projects/ADS/settings/auto-decline";
        var repository = "/rest/api/1.0/projects/ADS/repos/inherit/settings/auto-decline";

        var initial = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var projectSet = await (await admin.PutAsJsonAsync(project, new { enabled = true, inactivityWeeks = 2 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var inherited = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var own = await (await admin.PutAsJsonAsync(repository, new { enabled = false, inactivityWeeks = 12 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var ownRead = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var keptWeeks = await (await admin.PutAsJsonAsync(repository, new { enabled = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync(repository, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var back = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync(project, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var defaults = await (await admin.GetAsync(project, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var repositoryDefaults = await (await admin.GetAsync(repository, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.False(initial.GetProperty("enabled").GetBoolean());
        Assert.Equal(4, initial.GetProperty("inactivityWeeks").GetInt32());
        Assert.Equal("GLOBAL", initial.GetProperty("scope").GetProperty("type").GetString());
        Assert.True(projectSet.GetProperty("enabled").GetBoolean());
        Assert.Equal(2, projectSet.GetProperty("inactivityWeeks").GetInt32());
        Assert.Equal("PROJECT", projectSet.GetProperty("scope").GetProperty("type").GetString());
        Assert.True(inherited.GetProperty("enabled").GetBoolean());
        Assert.Equal(2, inherited.GetProperty("inactivityWeeks").GetInt32());
        Assert.Equal("PROJECT", inherited.GetProperty("scope").GetProperty("type").GetString());
        Assert.False(own.GetProperty("enabled").GetBoolean());
        Assert.Equal(12, own.GetProperty("inactivityWeeks").GetInt32());
        Assert.Equal("REPOSITORY", own.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(repositoryId, own.GetProperty("scope").GetProperty("resourceId").GetInt64());
        Assert.Equal(own.ToString(), ownRead.ToString());
        Assert.True(keptWeeks.GetProperty("enabled").GetBoolean());
        Assert.Equal(12, keptWeeks.GetProperty("inactivityWeeks").GetInt32());
        Assert.Equal("PROJECT", back.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(2, back.GetProperty("inactivityWeeks").GetInt32());
        Assert.Equal("GLOBAL", defaults.GetProperty("scope").GetProperty("type").GetString());
        Assert.False(defaults.GetProperty("enabled").GetBoolean());
        Assert.Equal("GLOBAL", repositoryDefaults.GetProperty("scope").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("ADB1", "{}", "enabled")]
    [InlineData("ADB2", "{\"enabled\":\"yes\",\"inactivityWeeks\":4}", "enabled")]
    [InlineData("ADB3", "{\"enabled\":null}", "enabled")]
    [InlineData("ADB4", "[true]", "enabled")]
    [InlineData("ADB5", "{\"enabled\":true,\"inactivityWeeks\":3}", "inactivityWeeks")]
    [InlineData("ADB6", "{\"enabled\":true,\"inactivityWeeks\":\"4\"}", "inactivityWeeks")]
    [InlineData("ADB7", "{\"enabled\":true,\"inactivityWeeks\":4.5}", "inactivityWeeks")]
    [InlineData("ADB8", "{\"enabled\":true,\"inactivityWeeks\":0}", "inactivityWeeks")]
    [InlineData("ADB9", "{\"enabled\":true,\"inactivityWeeks\":99999999999}", "inactivityWeeks")]
    [InlineData("ADBA", "{\"enabled\":true,\"inactivityWeeks\":[4]}", "inactivityWeeks")]
    public async Task Bad_settings_bodies_are_refused_with_400_naming_the_field(string key, string body, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        await server.CreateRepositoryAsync(key, "bad", Ct);

        foreach (var path in new[] { $"/rest/api/1.0/projects/{key}/settings/auto-decline", $"/rest/api/1.0/projects/{key}/repos/bad/settings/auto-decline" })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var refused = await (await admin.PutAsync(path, content, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
            Assert.Equal(field, refused.GetProperty("errors")[0].GetProperty("context").GetString());
        }

        var unchanged = await (await admin.GetAsync($"/rest/api/1.0/projects/{key}/repos/bad/settings/auto-decline", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("GLOBAL", unchanged.GetProperty("scope").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_allowed_period_is_accepted_and_served_under_latest_too()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        await server.CreateRepositoryAsync("ADW", "weeks", Ct);

        foreach (var weeks in new[] { 1, 2, 4, 8, 12 })
        {
            var saved = await (await admin.PutAsJsonAsync("/rest/api/latest/projects/ADW/repos/weeks/settings/auto-decline", new { enabled = true, inactivityWeeks = weeks }, Ct))
                .ExpectAsync(HttpStatusCode.OK, Ct);
            Assert.Equal(weeks, saved.GetProperty("inactivityWeeks").GetInt32());
        }
    }

    [Fact]
    public async Task A_missing_project_or_repository_is_404()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        await (await admin.GetAsync("/rest/api/1.0/projects/NOPE/settings/auto-decline", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync("/rest/api/1.0/projects/NOPE/repos/none/settings/auto-decline", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/NOPE/repos/none/settings/auto-decline", new { enabled = true }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.DeleteAsync("/rest/api/1.0/projects/NOPE/settings/auto-decline", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }
}
