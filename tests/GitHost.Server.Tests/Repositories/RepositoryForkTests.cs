using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Repositories;

/// <summary>Forking, and the forks and related lists of a hierarchy.</summary>
public sealed class RepositoryForkTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Fork_lands_in_the_personal_project_with_the_origin_data_and_hierarchy(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("UPSTREAM", Ct);
        var origin = await admin.CreateRepoAsync("UPSTREAM", "Library", Ct);
        var originId = origin.GetProperty("id").GetInt64();
        var commit = await RepositoryTestApi.CommitIntoAsync(server.RepoPath(originId), "main", Ct);
        var userId = await server.CreateUserAsync("forker-" + provider, Ct);
        await server.GrantRepositoryAsync(originId, userId, Permission.RepoRead);
        using var user = server.Client("forker-" + provider);

        var request = new HttpRequestMessage(HttpMethod.Post, "/rest/api/1.0/projects/UPSTREAM/repos/library")
        {
            Content = new StringContent("", System.Text.Encoding.UTF8, "application/json"),
        };
        var fork = await (await user.SendAsync(request, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var forkId = fork.GetProperty("id").GetInt64();
        Assert.NotEqual(originId, forkId);
        Assert.Equal("~FORKER-" + provider.ToString().ToUpperInvariant(), fork.GetProperty("project").GetProperty("key").GetString());
        Assert.Equal("library", fork.GetProperty("slug").GetString());
        Assert.Equal("Library", fork.GetProperty("name").GetString());
        Assert.Equal(origin.GetProperty("hierarchyId").GetString(), fork.GetProperty("hierarchyId").GetString());
        Assert.Equal(originId, fork.GetProperty("origin").GetProperty("id").GetInt64());
        Assert.Equal("UPSTREAM", fork.GetProperty("origin").GetProperty("project").GetProperty("key").GetString());
        Assert.Equal(commit, await RepositoryTestApi.GitAsync(Ct, null, "--git-dir", server.RepoPath(forkId), "rev-parse", "refs/heads/main"));
        Assert.Equal("true", await RepositoryTestApi.GitAsync(Ct, null, "--git-dir", server.RepoPath(forkId), "rev-parse", "--is-bare-repository"));
        Assert.Contains(await server.OutboxPayloadsAsync("repo:forked"), p => p.Contains($"\"repositoryId\":{forkId},", StringComparison.Ordinal));
    }

    [Theory]
    [AllDatabases]
    public async Task Fork_takes_name_default_branch_and_target_project_from_the_body(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("SOURCE", Ct);
        await admin.CreateProjectAsync("TARGET", Ct);
        await admin.CreateRepoAsync("SOURCE", "base", Ct);

        var fork = await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/SOURCE/repos/base",
            new { name = "Team Copy", defaultBranch = "work", project = new { key = "target" } }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal("TARGET", fork.GetProperty("project").GetProperty("key").GetString());
        Assert.Equal("team-copy", fork.GetProperty("slug").GetString());
        Assert.Equal("work", fork.GetProperty("defaultBranch").GetString());
        Assert.Equal("refs/heads/work", await RepositoryTestApi.GitAsync(
            Ct, null, "--git-dir", server.RepoPath(fork.GetProperty("id").GetInt64()), "symbolic-ref", "HEAD"));
    }

    [Theory]
    [AllDatabases]
    public async Task Fork_is_refused_when_forking_is_off_the_name_is_taken_or_the_target_is_not_administered(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("LOCKED", Ct);
        await admin.CreateProjectAsync("OTHERS", Ct);
        await admin.CreateRepoAsync("LOCKED", new { name = "closed", forkable = false }, Ct);
        var open = await admin.CreateRepoAsync("LOCKED", "open", Ct);
        await admin.CreateRepoAsync("OTHERS", "open", Ct);
        var userId = await server.CreateUserAsync("limited-" + provider, Ct);
        await server.GrantRepositoryAsync(open.GetProperty("id").GetInt64(), userId, Permission.RepoRead);
        using var user = server.Client("limited-" + provider);
        var directories = server.RepoDirectoryCount();

        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/LOCKED/repos/closed", new { }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var taken = await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/LOCKED/repos/open", new { project = new { key = "OTHERS" } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/LOCKED/repos/open", new { scmId = "git" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await user.PostAsJsonAsync("/rest/api/1.0/projects/LOCKED/repos/open", new { project = new { key = "OTHERS" } }, Ct))
            .ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await user.PostAsJsonAsync("/rest/api/1.0/projects/LOCKED/repos/closed", new { }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Equal("name", taken.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(2, await server.RepositoryRowsAsync("LOCKED"));
        Assert.Equal(1, await server.RepositoryRowsAsync("OTHERS"));
        Assert.Equal(directories, server.RepoDirectoryCount());
    }

    [Theory]
    [AllDatabases]
    public async Task Forks_lists_direct_forks_and_related_lists_the_whole_hierarchy(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("TREE", Ct);
        await admin.CreateProjectAsync("TREEFORKS", Ct);
        await admin.CreateRepoAsync("TREE", "root", Ct);
        await admin.CreateRepoAsync("TREE", "unrelated", Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/TREE/repos/root", new { name = "child", project = new { key = "TREEFORKS" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/TREEFORKS/repos/child", new { name = "grandchild", project = new { key = "TREEFORKS" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var outsiderId = await server.CreateUserAsync("treeviewer-" + provider, Ct);
        await server.GrantProjectAsync("TREE", outsiderId, Permission.ProjectRead);
        using var viewer = server.Client("treeviewer-" + provider);

        var forks = await admin.GetJsonAsync("/rest/api/1.0/projects/TREE/repos/root/forks", HttpStatusCode.OK, Ct);
        var related = await admin.GetJsonAsync("/rest/api/1.0/projects/TREEFORKS/repos/grandchild/related", HttpStatusCode.OK, Ct);
        var forksSeenByViewer = await viewer.GetJsonAsync("/rest/api/1.0/projects/TREE/repos/root/forks", HttpStatusCode.OK, Ct);

        Assert.Equal(["child"], forks.Slugs());
        Assert.Equal("root", forks.GetProperty("values")[0].GetProperty("origin").GetProperty("slug").GetString());
        Assert.Equal(["root", "child"], related.Slugs());
        Assert.Empty(forksSeenByViewer.Slugs());
    }
}
