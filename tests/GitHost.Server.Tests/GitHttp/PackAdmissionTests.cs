using System.Net;
using System.Text;
using GitHost.Data;
using GitHost.Git.Transport;
using GitHost.Server.Tests.GitSsh;
using GitHost.Server.Tests.TestData;
using GitHost.Services.Git.Admission;
using GitHost.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>
/// Admission control: a node generates at most N packs at once; a fetch past that waits for a turn and,
/// when none comes, is refused cleanly over both doors, while ref listings and pushes are never held up.
/// The turn is held by a fetch whose request body never ends, so the test decides when it is given back.
/// </summary>
public sealed class PackAdmissionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fetch_past_the_limit_is_refused_with_503_over_http_and_a_fatal_line_over_ssh_while_listings_and_pushes_go_on()
    {
        await using var server = await StartAsync(queueTimeoutSeconds: 0);
        var (id, head) = await SeedAsync(server, "refused");
        var gate = server.Services.GetRequiredService<PackGenerationGate>();
        var url = server.AdminCloneUrl("BUSY", "refused");
        var work = Directory.CreateTempSubdirectory("githost-busy-").FullName;
        using var admin = server.AdminClient();
        await using (var holder = await FetchHolder.HoldAsync(server, admin, id, "refused"))
        {
            Assert.Equal(1, gate.Running);

            var clone = await GitCli.RunAsync(work, ["clone", "--quiet", url, "http-clone"], Ct);
            Assert.NotEqual(0, clone.ExitCode);
            Assert.Contains("503", clone.StandardError, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(work, "http-clone", ".git")), "a refused clone left a repository behind");

            using var fetch = GitHttpTestApi.GitPost("/scm/busy/refused.git/git-upload-pack", "git-upload-pack",
                new ByteArrayContent(Request(PktLine.Encode("command=fetch\n"), "0001"u8.ToArray(), PktLine.Encode($"want {head}\n"), PktLine.Encode("done\n"), PktLine.Flush)));
            fetch.Headers.Add("Git-Protocol", "version=2");
            using var refused = await admin.SendAsync(fetch, Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
            Assert.StartsWith("The server is busy: 1 fetches are being packed", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            var listed = await GitCli.RunAsync(work, ["ls-remote", url], Ct);
            Assert.True(listed.ExitCode == 0, listed.StandardError);
            Assert.Contains($"{head}\trefs/heads/main", listed.StandardOutput, StringComparison.Ordinal);

            using var tree = await GitWorkTree.InitAsync(Ct);
            await tree.WriteAsync("b.txt", "pushed while busy\n");
            var pushedHead = await tree.CommitAsync("while busy", Ct);
            var pushed = await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main:refs/heads/other"], Ct);
            Assert.True(pushed.ExitCode == 0, pushed.StandardError);
            Assert.Contains($"{pushedHead} refs/heads/other", await server.RefsOnDiskAsync(id, Ct), StringComparison.Ordinal);

            using var key = await SshClientKey.CreateAsync(server, Ct);
            await key.AddForAsync(server, GitHostTestServer.AdminUser, Ct, GitHostTestServer.AdminPassword);
            var sshClone = await GitSshTestApi.GitAsync(key, work, Ct, "clone", "--quiet", server.SshUrl("BUSY/refused.git"), "ssh-clone");
            Assert.NotEqual(0, sshClone.ExitCode);
            Assert.Contains("fatal: The server is busy: 1 fetches are being packed and no turn came free within 0 s. Try again in 7 s.",
                sshClone.StandardError, StringComparison.Ordinal);
            Assert.Equal(1, gate.Running);
        }

        // The door gives the turn back once git is reaped, just after the log line the holder waits for.
        await WaitUntilAsync(() => gate.Running == 0);
        var after = await GitCli.RunAsync(work, ["clone", "--quiet", url, "after"], Ct);
        Assert.True(after.ExitCode == 0, after.StandardError);
        Assert.Equal(head, (await GitCli.RunAsync(Path.Combine(work, "after"), ["rev-parse", "HEAD"], Ct)).StandardOutput.Trim());
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_waiting_clone_gets_the_turn_when_the_running_fetch_ends()
    {
        await using var server = await StartAsync(queueTimeoutSeconds: 120);
        var (id, head) = await SeedAsync(server, "queued");
        var gate = server.Services.GetRequiredService<PackGenerationGate>();
        var work = Directory.CreateTempSubdirectory("githost-queued-").FullName;
        using var admin = server.AdminClient();
        Task<GitRun> clone;
        await using (var holder = await FetchHolder.HoldAsync(server, admin, id, "queued"))
        {
            clone = GitCli.RunAsync(work, ["clone", "--quiet", server.AdminCloneUrl("BUSY", "queued"), "clone"], Ct);
            await WaitUntilAsync(() => gate.Waiting == 1 || clone.IsCompleted);
            Assert.False(clone.IsCompleted, "the clone did not wait for its turn");
            Assert.Equal(1, gate.Running);
        }

        var cloned = await clone.WaitAsync(Deadline, Ct);
        Assert.True(cloned.ExitCode == 0, cloned.StandardError);
        Assert.Equal(head, (await GitCli.RunAsync(Path.Combine(work, "clone"), ["rev-parse", "HEAD"], Ct)).StandardOutput.Trim());
        Assert.Equal((0, 0), (gate.Running, gate.Waiting));
        Directory.Delete(work, recursive: true);
    }

    private static Task<GitHostTestServer> StartAsync(int queueTimeoutSeconds)
    {
        var settings = new Dictionary<string, string?>(GitHostTestServer.EnableSsh)
        {
            ["GitHost:Git:Admission:MaxConcurrentPackGenerations"] = "1",
            ["GitHost:Git:Admission:QueueTimeoutSeconds"] = queueTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GitHost:Git:Admission:RetryAfterSeconds"] = "7",
            // The holder's body never ends; the cache would wait for it whole before starting git (its own gate test is in PackCache).
            ["GitHost:Git:PackCache:Enabled"] = "false",
        };
        return GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, settings);
    }

    private static async Task<(long Id, string Head)> SeedAsync(GitHostTestServer server, string slug)
    {
        var head = "";
        var seeded = await server.SeedRepositoryAsync("BUSY", slug, async tree =>
        {
            await tree.WriteAsync("a.txt", "one\n");
            head = await tree.CommitAsync("first", Ct);
        }, Ct, "main");
        return (seeded.Id, head);
    }

    private static byte[] Request(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Deadline);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>A v0 fetch whose body never ends: upload-pack runs (its turn taken) until the holder lets go.</summary>
    private sealed class FetchHolder : IAsyncDisposable
    {
        private readonly GitHostTestServer _server;
        private readonly CancellationTokenSource _abort;
        private readonly Task<HttpResponseMessage> _request;
        private readonly int _processId;

        private FetchHolder(GitHostTestServer server, CancellationTokenSource abort, Task<HttpResponseMessage> request, int processId)
        {
            _server = server;
            _abort = abort;
            _request = request;
            _processId = processId;
        }

        public static async Task<FetchHolder> HoldAsync(GitHostTestServer server, HttpClient client, long id, string slug)
        {
            var abort = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var stalled = new StalledContent(Encoding.ASCII.GetBytes("0032want " + new string('0', 40) + "\n"));
            var request = client.SendAsync(GitHttpTestApi.GitPost($"/scm/busy/{slug}.git/git-upload-pack", "git-upload-pack", stalled), abort.Token);
            var started = await server.Logs.WaitForAsync(
                line => line.Contains($"git-upload-pack for repository {id} started as process", StringComparison.Ordinal)
                    && line.Contains("(request)", StringComparison.Ordinal),
                Deadline, Ct);
            var processId = int.Parse(System.Text.RegularExpressions.Regex.Match(started, @"as process (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return new FetchHolder(server, abort, request, processId);
        }

        public async ValueTask DisposeAsync()
        {
            await _abort.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _request);
            await _server.Logs.WaitForAsync(
                line => line.Contains($"git upload-pack (process {_processId}) was killed and reaped", StringComparison.Ordinal), Deadline, Ct);
            _abort.Dispose();
        }
    }
}
