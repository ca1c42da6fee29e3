using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using GitHost.Data;
using GitHost.Git.Hooks;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>
/// The loopback listener the hook scripts call: it serves nothing but the callbacks, the scripts
/// fail closed when it cannot be reached, and large pushes get through it whole.
/// </summary>
public sealed class HookListenerTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_hook_listener_is_on_loopback_and_serves_only_the_hook_callbacks()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var port = server.Services.GetRequiredService<HookInstallation>().CallbackPort;
        using var hookClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        hookClient.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GitHostTestServer.AdminUser}:{GitHostTestServer.AdminPassword}")));

        using var status = await hookClient.GetAsync("/status", Ct);
        using var projects = await hookClient.GetAsync("/rest/api/1.0/projects", Ct);
        using var bogusPush = await hookClient.PostAsync("/internal/hooks/pre-receive", new StringContent($"{new string('0', 40)} {new string('a', 40)} refs/heads/x\n"), Ct);

        Assert.NotEqual(server.BaseAddress.Port, port);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, projects.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bogusPush.StatusCode);
        Assert.Equal("No such push.\n", await bogusPush.Content.ReadAsStringAsync(Ct));
        Assert.True(server.Logs.Contains($"GitHost is listening on http://127.0.0.1:{server.BaseAddress.Port} "));
        Assert.False(server.Logs.Contains($"GitHost is listening on http://127.0.0.1:{port} "));
    }

    [Fact]
    public async Task The_hook_script_refuses_the_push_when_the_push_id_is_unknown_or_nothing_listens()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var hooks = server.Services.GetRequiredService<HookInstallation>();
        var script = Path.Combine(hooks.HooksDirectory, "pre-receive");
        var line = $"{new string('0', 40)} {new string('a', 40)} refs/heads/x\n";

        var unknown = await RunScriptAsync(script, hooks.CallbackPort, "not-a-live-push", line);
        var nothingListens = await RunScriptAsync(script, ClosedPort(), "whatever", line);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("No such push.\n", unknown.Stderr);
        Assert.Equal(1, nothingListens.ExitCode);
        Assert.Contains("GitHost could not check this push (no hook listener on port", nothingListens.Stderr);
    }

    [Fact]
    public async Task A_push_of_thousands_of_refs_passes_both_hooks_whole()
    {
        const int tags = 3_000;
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("MANYREFS", "tags", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.CommitAsync("one", Ct);
        var creates = string.Concat(Enumerable.Range(0, tags).Select(i => $"create refs/tags/release-{i:D5} HEAD\n"));
        await GitCli.RunAsync(tree.Path, ["update-ref", "--stdin"], Ct, standardInput: new MemoryStream(Encoding.ASCII.GetBytes(creates)));

        var pushed = await tree.GitAsync(Ct, "push", server.AdminCloneUrl("MANYREFS", "tags"), "main", "refs/tags/*:refs/tags/*");

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        var refs = await server.RefsOnDiskAsync(id, Ct);
        Assert.Equal(tags + 1, refs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var payload = await server.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventKey == "repo:refs_changed" && m.Payload.Contains("\"slug\":\"tags\""))
            .Select(m => m.Payload).SingleAsync());
        Assert.Equal(tags + 1, JsonDocument.Parse(payload).RootElement.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task Endpoints_configured_under_Kestrel_keep_working_and_still_get_the_hook_listener()
    {
        var settings = new Dictionary<string, string?> { ["Kestrel:Endpoints:Main:Url"] = "http://127.0.0.1:0", ["urls"] = "http://127.0.0.1:1" };
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, settings);
        var id = await server.CreateRepositoryAsync("KESTREL", "configured", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("one", Ct);

        var pushed = await tree.GitAsync(Ct, "push", server.AdminCloneUrl("KESTREL", "configured"), "main");

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.NotEqual(1, server.BaseAddress.Port);
        Assert.Equal($"{head} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Stderr)> RunScriptAsync(string script, int port, string pushId, string input)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment[HookInstallation.PortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment[HookInstallation.PushIdVariable] = pushId;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stderr);
    }
}
