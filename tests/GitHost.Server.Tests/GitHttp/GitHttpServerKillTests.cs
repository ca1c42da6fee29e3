using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GitHost.Data;
using GitHost.Git.Storage;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>
/// The server killed (SIGKILL) in the middle of receiving a push: after a restart on the same data the
/// repository is consistent, the push is all there or not at all, and events already accepted are kept.
/// GitHost runs as its own OS process here, since killing it must not kill the test.
/// </summary>
public sealed class GitHttpServerKillTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_killed_during_a_push_restarts_with_the_push_all_or_nothing_and_earlier_events_kept()
    {
        var home = GitHostProcess.CreateHome();
        try
        {
            long id;
            string first, second;
            using var tree = await GitWorkTree.InitAsync(Ct);
            await using (var server = await GitHostProcess.StartAsync(home, Ct))
            {
                id = await CreateRepositoryAsync(server);
                var url = server.AdminCloneUrl("KILL", "kill");
                await tree.WriteAsync("README.md", "one\n");
                first = await tree.CommitAsync("first", Ct);
                (await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct)).EnsureSuccess();
                Assert.Single(await RefsChangedEventsAsync(home, first));

                await tree.WriteAsync("big.bin", RandomNumberGenerator.GetBytes(30 * 1024 * 1024));
                second = await tree.CommitAsync("second", Ct);
                // A post buffer above the pack size: one POST, no probe request, so the first receive-pack
                // started for a request is the one receiving the pack.
                var mark = server.Output.Count;
                var push = GitCli.RunAsync(tree.Path, ["-c", "http.postBuffer=104857600", "push", "--quiet", url, "main"], Ct);
                var started = await server.Output.WaitForAsync(
                    line => line.Contains($"git-receive-pack for repository {id} started as process", StringComparison.Ordinal)
                        && line.Contains("(request)", StringComparison.Ordinal),
                    Deadline, Ct, fromLine: mark);
                var receivePack = int.Parse(Regex.Match(started, @"as process (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var children = server.Descendants().ToDictionary(pid => pid, ProcessTable.CommandLine);
                Assert.Contains(receivePack, children.Keys);

                await server.KillAsync(Ct);
                await ReportOrphansAsync(children);
                var client = await push;
                TestContext.Current.TestOutputHelper?.WriteLine($"The killed push's client exited with {client.ExitCode}: {client.StandardError.Trim()}");
            }

            await using (var restarted = await GitHostProcess.StartAsync(home, Ct))
            {
                var repository = new RepositoryLayout(home).PathOf(id);
                var fsck = await GitCli.RunAsync(repository, ["fsck", "--no-progress", "--strict"], Ct);
                Assert.True(fsck.ExitCode == 0, fsck.StandardError + fsck.StandardOutput);
                var main = (await GitCli.RunAsync(repository, ["rev-parse", "refs/heads/main"], Ct)).EnsureSuccess().StandardOutput.Trim();
                Assert.True(main == first || main == second, $"main is at {main}, neither the old {first} nor the new {second}");
                TestContext.Current.TestOutputHelper?.WriteLine(main == second ? "The killed push landed whole." : "The killed push left nothing.");
                Assert.Empty(Directory.EnumerateFiles(repository, "*.lock", SearchOption.AllDirectories));
                Assert.Single(await RefsChangedEventsAsync(home, first));

                await tree.WriteAsync("README.md", "three\n");
                var third = await tree.CommitAsync("third", Ct);
                (await GitCli.RunAsync(tree.Path, ["push", "--quiet", restarted.AdminCloneUrl("KILL", "kill"), "main"], Ct)).EnsureSuccess();
                Assert.Equal(third, (await GitCli.RunAsync(repository, ["rev-parse", "refs/heads/main"], Ct)).EnsureSuccess().StandardOutput.Trim());
                Assert.Single(await RefsChangedEventsAsync(home, third));
                Assert.True((await GitCli.RunAsync(repository, ["fsck", "--no-progress", "--strict"], Ct)).ExitCode == 0);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<long> CreateRepositoryAsync(GitHostProcess server)
    {
        using var admin = server.AdminClient();
        var project = await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "KILL", name = "Kill" }, Ct);
        await project.ExpectAsync(HttpStatusCode.Created, Ct);
        var repository = await admin.PostAsJsonAsync("/rest/api/1.0/projects/KILL/repos", new { name = "kill" }, Ct);
        return (await repository.ExpectAsync(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
    }

    /// <summary>
    /// The killed server's git children are orphans now. Without the server feeding its stdin,
    /// receive-pack sees the pack end early and gives up; if the whole pack was already in the pipe it may
    /// instead finish the push on its own. Either is fine; whatever still runs after the deadline is killed.
    /// </summary>
    private static async Task ReportOrphansAsync(IReadOnlyDictionary<int, string> described)
    {
        var children = described.Keys.ToList();
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        // No event tells us that a process we did not start ended: poll /proc with a hard deadline.
        while (children.Any(ProcessTable.IsRunning) && elapsed.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, Ct);
        }

        foreach (var pid in children)
        {
            var running = ProcessTable.IsRunning(pid);
            TestContext.Current.TestOutputHelper?.WriteLine($"orphan {pid} ({described[pid]}): {(running ? "still running, killed" : $"ended by itself within {elapsed.ElapsedMilliseconds} ms")}");
            if (running)
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // It ended meanwhile.
                }
            }
        }
    }

    private static async Task<List<string>> RefsChangedEventsAsync(string home, string toHash)
    {
        var options = new DbContextOptionsBuilder<GitHostDbContext>()
            .UseSqlite($"Data Source={Path.Combine(home, "githost.db")};Pooling=False;Default Timeout=30").Options;
        await using var db = new GitHostDbContext(options);
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventKey == "repo:refs_changed" && m.Payload.Contains(toHash))
            .Select(m => m.Payload).ToListAsync(Ct);
    }
}
