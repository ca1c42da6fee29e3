using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.GitSsh;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PackCache;

/// <summary>
/// Protocol v2 over SSH is answered request by request through the same cache as HTTP: a second clone
/// starts no git, HTTP and SSH share answers, and a malformed request ends the session with a clear line.
/// </summary>
public sealed class PackCacheSshTests : IAsyncLifetime
{
    private GitHostTestServer _server = null!;
    private SshClientKey _key = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, CancellationToken.None, GitHostTestServer.EnableSsh);
        _key = await SshClientKey.CreateAsync(_server, CancellationToken.None);
        await _key.AddForAsync(_server, GitHostTestServer.AdminUser, CancellationToken.None, GitHostTestServer.AdminPassword);
    }

    public async ValueTask DisposeAsync()
    {
        _key.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_second_ssh_clone_and_one_after_an_http_clone_start_no_git_and_a_push_is_seen_at_once()
    {
        var (id, head) = await SeedAsync("ssh");
        var work = Directory.CreateTempSubdirectory("githost-cache-ssh-").FullName;
        var url = _server.SshUrl("CACHE/ssh.git");

        var runsBefore = UploadPackRuns();
        var first = await GitSshTestApi.GitAsync(_key, work, Ct, "-c", "protocol.version=2", "clone", "--quiet", url, "first");
        var runsForFirst = UploadPackRuns() - runsBefore;
        var second = await GitSshTestApi.GitAsync(_key, work, Ct, "-c", "protocol.version=2", "clone", "--quiet", url, "second");
        var runsAfterSecond = UploadPackRuns();
        var overHttp = await GitCli.RunAsync(work, ["-c", "protocol.version=2", "clone", "--quiet", _server.AdminCloneUrl("CACHE", "ssh"), "http"], Ct);

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.True(overHttp.ExitCode == 0, overHttp.StandardError);
        Assert.Equal(3, runsForFirst);
        Assert.Equal(runsBefore + runsForFirst, runsAfterSecond);
        Assert.Equal(runsAfterSecond, UploadPackRuns());
        foreach (var clone in new[] { "first", "second", "http" })
        {
            Assert.Equal(head, (await GitCli.RunAsync(Path.Combine(work, clone), ["rev-parse", "HEAD"], Ct)).EnsureSuccess().StandardOutput.Trim());
        }

        var firstClone = Path.Combine(work, "first");
        await File.WriteAllTextAsync(Path.Combine(firstClone, "file.txt"), "pushed over ssh\n", Ct);
        (await GitCli.RunAsync(firstClone, ["commit", "--quiet", "-am", "pushed"], Ct)).EnsureSuccess();
        var pushed = await GitSshTestApi.GitAsync(_key, firstClone, Ct, "push", "--quiet", "origin", "main");
        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        var fetched = await GitSshTestApi.GitAsync(_key, Path.Combine(work, "second"), Ct, "-c", "protocol.version=2", "pull", "--quiet", "--ff-only");
        Assert.True(fetched.ExitCode == 0, fetched.StandardError);
        Assert.Equal("pushed over ssh\n", await File.ReadAllTextAsync(Path.Combine(work, "second", "file.txt"), Ct));
        Assert.Empty(await _server.WaitForNoServerSshGitAsync(id, Ct));
        Directory.Delete(work, recursive: true);
    }

    [Theory]
    [InlineData("zzzz", "fatal: protocol error: bad pkt-line in the request.")]
    [InlineData("0014command=ls-refs\n00", "fatal: protocol error: bad pkt-line in the request.")]
    [InlineData("0014command=ls-refs\n0030", "fatal: protocol error: the request ended inside a pkt-line.")]
    [InlineData("000bhello\n0000", "fatal: protocol error: a request must start with command=<name>.")]
    [InlineData("0011command=nope\n0000", "git-upload-pack failed on the server (exit 128).")]
    public async Task A_malformed_v2_request_over_ssh_ends_the_session_with_one_clear_line(string input, string message)
    {
        await SeedAsync("bad-" + input.Length + "-" + message.Length);
        var result = await _server.SshWithInputAsync(_key, $"git-upload-pack '/CACHE/bad-{input.Length}-{message.Length}.git'", input, Ct,
            "-o", "SetEnv=GIT_PROTOCOL=version=2");

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("000eversion 2\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    private async Task<(long Id, string Head)> SeedAsync(string slug)
    {
        var head = "";
        var seeded = await _server.SeedRepositoryAsync("CACHE", slug, async tree =>
        {
            await tree.WriteAsync("file.txt", "one\n");
            head = await tree.CommitAsync("first", Ct);
        }, Ct, "main");
        return (seeded.Id, head);
    }

    private int UploadPackRuns() => _server.Logs.Lines.Count(line => line.Contains("git upload-pack exited with", StringComparison.Ordinal));
}
