using System.Net;
using System.Text.RegularExpressions;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>Hostile and broken requests: a clean HTTP error, no git process left behind, refs and objects untouched.</summary>
public sealed class GitHttpBadInputTests : IAsyncLifetime
{
    private const long SmallLimit = 64 * 1024;
    private GitHostTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, CancellationToken.None,
            new Dictionary<string, string?> { ["GitHost:Git:MaxPushBytes"] = SmallLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> Broken => new()
    {
        { "git-upload-pack", "garbage that is not a pkt-line" },
        { "git-upload-pack", "00ffwant short" },
        { "git-receive-pack", "zzzz" },
        { "git-receive-pack", "0067" + new string('0', 40) + " " + new string('a', 40) + " refs/heads/x\0report-status\n0000PACK\0\0\0\u0002garbage" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task Malformed_or_truncated_bodies_get_an_http_error_and_leave_nothing_behind(string service, string body)
    {
        var slug = "broken" + Guid.NewGuid().ToString("N")[..8];
        var (id, before) = await SeededAsync(slug);
        using var admin = _server.AdminClient();

        var response = await admin.SendAsync(GitHttpTestApi.GitPost($"/scm/bad/{slug}.git/{service}", service, new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(body))), Ct);

        Assert.True((int)response.StatusCode is 200 or 400, $"status {(int)response.StatusCode}");
        await AssertUntouchedAsync(id, before);
    }

    [Fact]
    public async Task Invalid_gzip_body_is_a_400()
    {
        var (id, before) = await SeededAsync("gzip");
        using var admin = _server.AdminClient();
        var content = new ByteArrayContent([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]);
        content.Headers.ContentEncoding.Add("gzip");

        var response = await admin.SendAsync(GitHttpTestApi.GitPost("/scm/bad/gzip.git/git-receive-pack", "git-receive-pack", content), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gzip", await response.Content.ReadAsStringAsync(Ct));
        await AssertUntouchedAsync(id, before);
    }

    [Fact]
    public async Task Body_over_the_push_limit_is_a_413()
    {
        var (id, before) = await SeededAsync("big");
        using var admin = _server.AdminClient();
        var command = "0067" + new string('0', 40) + " " + new string('a', 40) + " refs/heads/x\0report-status\n0000PACK";
        var body = System.Text.Encoding.Latin1.GetBytes(command).Concat(new byte[SmallLimit * 2]).ToArray();

        var response = await admin.SendAsync(GitHttpTestApi.GitPost("/scm/bad/big.git/git-receive-pack", "git-receive-pack", new StreamContent(new MemoryStream(body))), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MaxPushBytes", await response.Content.ReadAsStringAsync(Ct));
        await AssertUntouchedAsync(id, before);
    }

    /// <remarks>
    /// The request must really reach the server: HttpClient's chunked request stream buffers small writes
    /// (headers included) until the content ends or flushes, so a content that only stalls never sends a
    /// byte. <see cref="StalledContent"/> flushes its head, then stalls.
    /// </remarks>
    [Fact]
    public async Task Client_that_disconnects_mid_push_leaves_no_process_lock_or_ref()
    {
        var (id, before) = await SeededAsync("aborted");
        using var admin = _server.AdminClient();
        // A well-formed command (0x71 = 113 bytes) and a pack header promising 5 objects that never come.
        var command = "0071" + new string('0', 40) + " " + new string('a', 40) + " refs/heads/x\0report-status\n0000PACK\0\0\0\u0002\0\0\0\u0005";
        var stalled = new StalledContent(System.Text.Encoding.Latin1.GetBytes(command));
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var push = admin.SendAsync(GitHttpTestApi.GitPost("/scm/bad/aborted.git/git-receive-pack", "git-receive-pack", stalled), abort.Token);
        var started = await _server.Logs.WaitForAsync(
            line => line.Contains($"git-receive-pack for repository {id} started as process", StringComparison.Ordinal) && line.Contains("(request)", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), Ct);
        var processId = int.Parse(Regex.Match(started, @"as process (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await stalled.Sent.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Contains(processId, _server.ServerGitProcesses(id));

        abort.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => push);

        // Logged once git was killed and reaped, however the disconnect surfaced (abort, reset, or a body cut short).
        await _server.Logs.WaitForAsync(
            line => line.Contains($"git receive-pack (process {processId}) was killed and reaped", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), Ct);
        Assert.False(Directory.Exists($"/proc/{processId}"), $"receive-pack (process {processId}) is still running or was never reaped");
        await AssertUntouchedAsync(id, before);
    }

    [Theory]
    [InlineData("/scm/bad/..%2f..%2fshared/info/refs?service=git-upload-pack")]
    [InlineData("/scm/bad/%2e%2e/info/refs?service=git-upload-pack")]
    [InlineData("/scm/..%2fbad/seed.git/info/refs?service=git-upload-pack")]
    [InlineData("/scm/bad/seed.git%00/info/refs?service=git-upload-pack")]
    [InlineData("/scm/bad/seed.git/objects/info/alternates")]
    [InlineData("/scm/bad/seed.git/HEAD")]
    [InlineData("/scm/bad/seed.git/info/refs")]
    [InlineData("/scm/bad/seed.git/info/refs?service=git-upload-archive")]
    [InlineData("/scm/bad/seed.git/../../shared/config/secret")]
    public async Task Smart_http_serves_nothing_outside_the_repository(string path)
    {
        await SeededAsync("seed");
        using var admin = _server.AdminClient();

        var response = await admin.GetAsync(path, Ct);

        Assert.Contains((int)response.StatusCode, new[] { 400, 403, 404 });
        Assert.DoesNotContain("application/x-git", response.Content.Headers.ContentType?.ToString() ?? "");
    }

    private async Task<(long Id, string Refs)> SeededAsync(string slug)
    {
        var existing = await _server.WithDatabaseAsync(db => Task.FromResult(db.Repositories.Where(r => r.Slug == slug).Select(r => (long?)r.Id).FirstOrDefault()));
        var id = existing ?? await _server.CreateRepositoryAsync("BAD", slug, Ct);
        if (existing is null)
        {
            await _server.PushDirectAsync(id, tree => tree.CommitAsync("seed", Ct), Ct, "main");
        }

        return (id, await _server.RefsOnDiskAsync(id, Ct));
    }

    private async Task AssertUntouchedAsync(long id, string refsBefore)
    {
        Assert.Empty(await _server.WaitForNoServerGitAsync(id, Ct));
        Assert.Equal(refsBefore, await _server.RefsOnDiskAsync(id, Ct));
        Assert.Empty(_server.LockFiles(id));
        var fsck = await GitCli.RunAsync(_server.RepositoryPath(id), ["fsck", "--no-progress"], Ct);
        Assert.True(fsck.ExitCode == 0, fsck.StandardError);
    }
}
