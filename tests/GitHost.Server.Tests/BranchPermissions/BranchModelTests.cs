using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.BranchPermissions;

/// <summary>
/// The branching model over <c>/rest/branch-utils/1.0</c>: Bitbucket's default, a project's
/// configuration inherited by its repositories, a repository's own, and the model matchers of branch
/// permissions following it; <c>branches/info/{commitId}</c>.
/// </summary>
public sealed class BranchModelTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_default_model_a_project_configuration_and_a_repository_override_drive_the_model_matchers()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("BPBM", "model", Ct);
        var url = server.AdminCloneUrl("BPBM", "model");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("base", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "main", "main:develop");
        using var admin = server.AdminClient();
        const string repo = "/rest/branch-utils/1.0/projects/BPBM/repos/model/branchmodel";
        const string project = "/rest/branch-utils/1.0/projects/BPBM/branchmodel/configuration";

        var byDefault = await (await admin.GetAsync(repo, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var defaultConfiguration = await (await admin.GetAsync(repo + "/configuration", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync(project, new
        {
            development = new { refId = "develop", useDefault = false },
            types = new[] { new { id = "FEATURE", enabled = true, prefix = "feat/" }, new { id = "BUGFIX", enabled = false, prefix = "bugfix/" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var inherited = await (await admin.GetAsync(repo, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var restriction = await admin.RestrictAsync("BPBM", "model", BranchPermissionTestApi.Restriction("read-only", "MODEL_CATEGORY", "FEATURE"), Ct);
        await admin.RestrictAsync("BPBM", "model", BranchPermissionTestApi.Restriction("no-deletes", "MODEL_BRANCH", "development"), Ct);
        var featPush = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "main:feat/x");
        var featurePush = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "main:feature/x");
        var developDelete = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, ":develop");
        await (await admin.PutAsJsonAsync(repo + "/configuration", new { development = new { useDefault = true } }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var overridden = await (await admin.GetAsync(repo, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var developDeleteAfter = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, ":develop");
        using var reset = await admin.DeleteAsync(project, Ct);
        var projectAfterReset = await (await admin.GetAsync(project, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("refs/heads/main", byDefault.GetProperty("development").GetProperty("id").GetString());
        Assert.Equal(head, byDefault.GetProperty("development").GetProperty("latestCommit").GetString());
        Assert.False(byDefault.TryGetProperty("production", out _));
        Assert.Equal(["BUGFIX", "FEATURE", "HOTFIX", "RELEASE"], byDefault.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
        Assert.True(defaultConfiguration.GetProperty("development").GetProperty("useDefault").GetBoolean());
        Assert.Equal("refs/heads/develop", inherited.GetProperty("development").GetProperty("id").GetString());
        Assert.Equal(["FEATURE:feat/", "HOTFIX:hotfix/", "RELEASE:release/"],
            inherited.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("id").GetString() + ":" + t.GetProperty("prefix").GetString()));
        Assert.NotEqual(0, featPush.ExitCode);
        Assert.Contains($"remote: Branch refs/heads/feat/x is read-only (restriction {restriction} set by repository admins of BPBM/model)", featPush.StandardError);
        Assert.True(featurePush.ExitCode == 0, featurePush.StandardError);
        Assert.NotEqual(0, developDelete.ExitCode);
        Assert.Equal("refs/heads/main", overridden.GetProperty("development").GetProperty("id").GetString());
        Assert.True(developDeleteAfter.ExitCode == 0, developDeleteAfter.StandardError);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal("feature/", projectAfterReset.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "FEATURE").GetProperty("prefix").GetString());
        Assert.Equal($"{head} refs/heads/feature/x\n{head} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task Bad_configurations_are_refused_and_branches_info_lists_the_branches_holding_a_commit()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("BPBI", "info", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var first = await tree.CommitAsync("first", Ct);
        var second = await tree.CommitAsync("second", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", server.AdminCloneUrl("BPBI", "info"), "main", first + ":refs/heads/old", second + ":refs/heads/new");
        using var admin = server.AdminClient();
        const string configuration = "/rest/branch-utils/1.0/projects/BPBI/repos/info/branchmodel/configuration";
        var bad = new object[]
        {
            new { types = new[] { new { id = "TRUNK", enabled = true, prefix = "trunk/" } } },
            new { types = new[] { new { id = "FEATURE", enabled = true, prefix = "" } } },
            new { types = new[] { new { id = "FEATURE", enabled = true, prefix = "bad..prefix/" } } },
            new { types = new[] { new { id = "FEATURE", enabled = true, prefix = new string('f', 300) } } },
            new { development = new { refId = "no good", useDefault = false } },
            new { development = new { useDefault = false } },
        };

        foreach (var body in bad)
        {
            using var response = await admin.PutAsJsonAsync(configuration, body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var holdingFirst = await (await admin.GetAsync($"/rest/branch-utils/1.0/projects/BPBI/repos/info/branches/info/{first}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var holdingSecond = await (await admin.GetAsync($"/rest/branch-utils/1.0/projects/BPBI/repos/info/branches/info/{second[..12]}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var unknown = await admin.GetAsync("/rest/branch-utils/1.0/projects/BPBI/repos/info/branches/info/0123456789abcdef0123456789abcdef01234567", Ct);
        using var hostile = await admin.GetAsync("/rest/branch-utils/1.0/projects/BPBI/repos/info/branches/info/--output=x", Ct);

        Assert.Equal(["main", "new", "old"], holdingFirst.Values().EnumerateArray().Select(b => b.GetProperty("displayId").GetString()!));
        Assert.True(holdingFirst.Values()[0].GetProperty("isDefault").GetBoolean());
        Assert.Equal(["main", "new"], holdingSecond.Values().EnumerateArray().Select(b => b.GetProperty("displayId").GetString()!));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True(hostile.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, hostile.StatusCode.ToString());
    }
}
