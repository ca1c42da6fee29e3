using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>The ref namespace and name rules hold over SSH too: the same hooks, the same remote: text.</summary>
public sealed class GitSshRefNamespaceTests(SshServerPerProvider servers) : IClassFixture<SshServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replace_refs_other_namespaces_and_dash_names_are_refused_over_ssh_and_notes_are_accepted()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("sshrefs", Ct);
        var id = await server.CreateRepositoryAsync("SSHNS", "refs", Ct);
        await server.GrantRepositoryAsync("SSHNS", "refs", "sshrefs", "REPO_WRITE", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "sshrefs", Ct);
        var url = server.SshUrl("SSHNS/refs.git");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var first = await tree.CommitAsync("one", Ct);
        var second = await tree.CommitAsync("two", Ct);
        Assert.Equal(0, (await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", url, "main")).ExitCode);
        await tree.GitAsync(Ct, "replace", second, first);
        await tree.GitAsync(Ct, "notes", "add", "-m", "a note", first);
        var note = (await tree.GitAsync(Ct, "rev-parse", "refs/notes/commits")).StandardOutput.Trim();

        var replace = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", url, "refs/replace/" + second);
        var other = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", url, "HEAD:refs/foo/bar");
        var dash = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", url, "HEAD:refs/heads/-x", "HEAD:refs/tags/--output=x");
        var notes = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", url, "refs/notes/commits");

        Assert.NotEqual(0, replace.ExitCode);
        Assert.Contains($"remote: refs/replace/{second}: refs outside refs/heads/, refs/tags/ and refs/notes/ are not accepted.", replace.StandardError);
        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains("remote: refs/foo/bar: refs outside refs/heads/, refs/tags/ and refs/notes/ are not accepted.", other.StandardError);
        Assert.NotEqual(0, dash.ExitCode);
        Assert.Contains("remote: refs/heads/-x: no part of a ref name may start with '-'", dash.StandardError);
        Assert.Contains("remote: refs/tags/--output=x: no part of a ref name may start with '-'", dash.StandardError);
        Assert.True(notes.ExitCode == 0, notes.StandardError);
        Assert.Equal($"{second} refs/heads/main\n{note} refs/notes/commits\n", await server.RefsOnDiskAsync(id, Ct));
    }
}
