using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary>Pull request settings of projects and repositories: Bitbucket's shape, inheritance, validation, who may change them.</summary>
public sealed class PullRequestSettingsTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task The_defaults_allow_merge_commits_only_and_check_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("PRS", "defaults", Ct);
        using var admin = server.AdminClient();

        var settings = await (await admin.GetAsync("/rest/api/1.0/projects/PRS/repos/defaults/settings/pull-requests", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var config = settings.GetProperty("mergeConfig");
        Assert.Equal("default", config.GetProperty("type").GetString());
        Assert.Equal("no-ff", config.GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal(
            ["no-ff", "ff", "ff-only", "rebase-no-ff", "rebase-ff-only", "squash", "squash-ff-only"],
            config.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(["no-ff"], config.GetProperty("strategies").EnumerateArray().Where(s => s.GetProperty("enabled").GetBoolean()).Select(s => s.GetProperty("id").GetString()));
        Assert.False(settings.GetProperty("requiredApprovers").GetProperty("enabled").GetBoolean());
        Assert.Equal("0", settings.GetProperty("requiredApprovers").GetProperty("count").GetString());
        Assert.False(settings.GetProperty("requiredAllApprovers").GetBoolean());
        Assert.False(settings.GetProperty("requiredAllTasksComplete").GetBoolean());
    }

    [Theory]
    [AllDatabases]
    public async Task A_repository_inherits_what_it_does_not_set_from_its_project(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("PRI", "inherit", Ct);
        using var admin = server.AdminClient();
        const string repo = "/rest/api/1.0/projects/PRI/repos/inherit/settings/pull-requests";

        var project = await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/PRI/settings/pull-requests/git", new
        {
            requiredApprovers = new { enabled = true, count = "2" },
            requiredAllTasksComplete = true,
            mergeConfig = new { defaultStrategy = new { id = "squash" }, strategies = new[] { new { id = "squash" }, new { id = "ff-only" } } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("project", project.GetProperty("mergeConfig").GetProperty("type").GetString());

        var inherited = await (await admin.GetAsync(repo, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("project", inherited.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal("squash", inherited.GetProperty("mergeConfig").GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal("2", inherited.GetProperty("requiredApprovers").GetProperty("count").GetString());
        Assert.True(inherited.GetProperty("requiredAllTasksComplete").GetBoolean());

        var own = await (await admin.PostAsJsonAsync(repo, new
        {
            requiredApproversDeprecated = 1,
            mergeConfig = new { defaultStrategy = new { id = "rebase-no-ff" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("repository", own.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal("rebase-no-ff", own.GetProperty("mergeConfig").GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal(1, own.GetProperty("requiredApproversDeprecated").GetInt32());
        Assert.True(own.GetProperty("requiredAllTasksComplete").GetBoolean());

        var removed = await (await admin.PostAsJsonAsync(repo, new { mergeConfig = new { } }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("project", removed.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal(1, removed.GetProperty("requiredApproversDeprecated").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task Hostile_or_malformed_settings_are_refused_and_change_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("PRB", "bad", Ct);
        using var admin = server.AdminClient();
        const string repo = "/rest/api/1.0/projects/PRB/repos/bad/settings/pull-requests";
        object[] bodies =
        [
            new { requiredApprovers = new { enabled = true, count = "-1" } },
            new { requiredApprovers = new { enabled = true, count = "999999999999" } },
            new { requiredApprovers = "two" },
            new { requiredAllApprovers = "yes" },
            new { mergeConfig = new { defaultStrategy = new { id = "octopus" } } },
            new { mergeConfig = new { defaultStrategy = new { id = "squash" }, strategies = new[] { new { id = "no-ff" } } } },
            new { mergeConfig = "no-ff" },
            new[] { 1, 2 },
        ];

        foreach (var body in bodies)
        {
            using var response = await admin.PostAsJsonAsync(repo, body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var settings = await (await admin.GetAsync(repo, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("default", settings.GetProperty("mergeConfig").GetProperty("type").GetString());
        Assert.Equal("0", settings.GetProperty("requiredApprovers").GetProperty("count").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Only_a_repository_administrator_changes_its_settings(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("PRA", "admins", Ct);
        await server.CreateUserAsync("prs-writer", Ct);
        await server.GrantRepositoryAsync("PRA", "admins", "prs-writer", "REPO_WRITE", Ct);
        using var writer = server.Client("prs-writer");

        using var read = await writer.GetAsync("/rest/api/1.0/projects/PRA/repos/admins/settings/pull-requests", Ct);
        using var write = await writer.PostAsJsonAsync("/rest/api/1.0/projects/PRA/repos/admins/settings/pull-requests", new { requiredAllApprovers = true }, Ct);
        using var project = await writer.PostAsJsonAsync("/rest/api/1.0/projects/PRA/settings/pull-requests/git", new { requiredAllApprovers = true }, Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, project.StatusCode);
        var settings = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.False(settings.GetProperty("requiredAllApprovers").GetBoolean());
    }
}
