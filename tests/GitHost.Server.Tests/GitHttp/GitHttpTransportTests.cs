using GitHost.Data;
using GitHost.Server.Tests.AccessTokens;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>The real git client against the smart HTTP door: push, clone, fetch, ls-remote in protocol v0 and v2.</summary>
public sealed class GitHttpTransportTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Pushed_commits_clone_fetch_and_list_in_protocol_v0_and_v2(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("TRANS", "roundtrip", Ct);
        var url = server.AdminCloneUrl("TRANS", "roundtrip");
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("README.md", "hello\n");
        var first = await tree.CommitAsync("first", Ct);
        await tree.GitAsync(Ct, "push", url, "main");

        foreach (var version in new[] { "0", "2" })
        {
            using var clone = await GitWorkTree.InitAsync(Ct);
            var cloned = await GitHttpTestApi.GitAsync(clone.Path, Ct, "-c", "protocol.version=" + version, "clone", "--quiet", url, "c");
            Assert.True(cloned.ExitCode == 0, cloned.StandardError);
            Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(clone.Path, "c", "README.md"), Ct));
            var listed = await GitHttpTestApi.GitAsync(clone.Path, Ct, "-c", "protocol.version=" + version, "ls-remote", url);
            Assert.Contains($"{first}\trefs/heads/main", listed.StandardOutput);
        }

        using var fetcher = await GitWorkTree.InitAsync(Ct);
        await fetcher.GitAsync(Ct, "clone", "--quiet", url, "f");
        await tree.WriteAsync("README.md", "hello again\n");
        var second = await tree.CommitAsync("second", Ct);
        await tree.GitAsync(Ct, "push", url, "main");
        await fetcher.GitAsync(Ct, "-C", "f", "fetch", "--quiet", "origin");
        var fetched = await fetcher.GitAsync(Ct, "-C", "f", "rev-parse", "origin/main");
        Assert.Equal(second, fetched.StandardOutput.Trim());
    }

    [Theory]
    [AllDatabases]
    public async Task Personal_access_token_works_as_the_password(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("TOKEN", "viatoken", Ct);
        var user = "tokenuser-" + provider.ToString().ToLowerInvariant();
        await server.CreateUserAsync(user, Ct);
        await server.GrantRepositoryAsync("TOKEN", "viatoken", user, "REPO_WRITE", Ct);
        using var userClient = server.Client(user);
        var token = (await userClient.CreateTokenAsync("users/" + user, ["REPO_WRITE"], Ct)).Raw();
        using var tree = await GitWorkTree.InitAsync(Ct);
        var sha = await tree.CommitAsync("by token", Ct);

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.CloneUrl("TOKEN", "viatoken", user, token), "main");

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.Contains($"{sha} refs/heads/main", await server.RefsOnDiskAsync(await RepositoryIdAsync(server, "TOKEN", "viatoken"), Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task Shallow_and_partial_clones_are_served(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("SHALLOW", "deep", Ct);
        await server.PushDirectAsync(id, async tree =>
        {
            for (var i = 0; i < 3; i++)
            {
                await tree.WriteAsync("file.txt", $"version {i}\n");
                await tree.CommitAsync("commit " + i, Ct);
            }
        }, Ct, "main");
        var url = server.AdminCloneUrl("SHALLOW", "deep");
        using var work = await GitWorkTree.InitAsync(Ct);

        await work.GitAsync(Ct, "clone", "--quiet", "--depth", "1", url, "shallow");
        await work.GitAsync(Ct, "clone", "--quiet", "--filter=blob:none", url, "partial");

        Assert.Equal("1", (await work.GitAsync(Ct, "-C", "shallow", "rev-list", "--count", "HEAD")).StandardOutput.Trim());
        Assert.Equal("true", (await work.GitAsync(Ct, "-C", "partial", "config", "remote.origin.promisor")).StandardOutput.Trim());
        Assert.Equal("version 2\n", await File.ReadAllTextAsync(Path.Combine(work.Path, "partial", "file.txt"), Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task Empty_repository_clones_with_gits_usual_warning(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("EMPTY", "nothing", Ct);
        using var work = await GitWorkTree.InitAsync(Ct);

        var cloned = await GitHttpTestApi.GitAsync(work.Path, Ct, "clone", server.AdminCloneUrl("EMPTY", "nothing"), "c");

        Assert.Equal(0, cloned.ExitCode);
        Assert.Contains("You appear to have cloned an empty repository", cloned.StandardError);
    }

    [Theory]
    [AllDatabases]
    public async Task Project_key_in_any_case_and_url_without_dot_git_reach_the_repository(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("CASES", "anycase", Ct);
        await server.PushDirectAsync(id, tree => tree.CommitAsync("one", Ct), Ct, "main");
        using var work = await GitWorkTree.InitAsync(Ct);
        var upper = server.AdminCloneUrl("CASES", "anycase").Replace("/scm/cases/", "/scm/CASES/").Replace(".git", "");

        var listed = await GitHttpTestApi.GitAsync(work.Path, Ct, "ls-remote", upper);

        Assert.True(listed.ExitCode == 0, listed.StandardError);
        Assert.Contains("refs/heads/main", listed.StandardOutput);
    }

    [Fact]
    public async Task Concurrent_pushes_to_one_branch_let_exactly_one_win()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("RACE", "race", Ct);
        await server.PushDirectAsync(id, tree => tree.CommitAsync("base", Ct), Ct, "main");
        var url = server.AdminCloneUrl("RACE", "race");
        using var work = await GitWorkTree.InitAsync(Ct);
        await work.GitAsync(Ct, "clone", "--quiet", url, "a");
        await work.GitAsync(Ct, "clone", "--quiet", url, "b");
        foreach (var clone in new[] { "a", "b" })
        {
            await File.WriteAllTextAsync(Path.Combine(work.Path, clone, clone + ".txt"), clone, Ct);
            await work.GitAsync(Ct, "-C", clone, "add", ".");
            await work.GitAsync(Ct, "-C", clone, "commit", "--quiet", "-m", clone);
        }

        var pushes = await Task.WhenAll(
            GitHttpTestApi.GitAsync(Path.Combine(work.Path, "a"), Ct, "push", "origin", "main"),
            GitHttpTestApi.GitAsync(Path.Combine(work.Path, "b"), Ct, "push", "origin", "main"));

        Assert.Single(pushes, p => p.ExitCode == 0);
        var loser = Assert.Single(pushes, p => p.ExitCode != 0);
        Assert.Matches("rejected|failed to update ref|fetch first|non-fast-forward|cannot lock ref", loser.StandardError);
        Assert.Empty(server.LockFiles(id));
    }

    private static Task<long> RepositoryIdAsync(GitHostTestServer server, string key, string slug) =>
        server.WithDatabaseAsync(db => Task.FromResult(
            db.Repositories.Where(r => r.Slug == slug && db.Projects.Any(p => p.Id == r.ProjectId && p.Key == key)).Select(r => r.Id).Single()));
}
