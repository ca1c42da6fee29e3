using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using GitHost.Testing;
using Xunit;

namespace GitHost.Cluster.Tests;

/// <summary>
/// Two GitHost nodes on PostgreSQL and Redis behind HAProxy, on loopback, started by
/// <c>ops/cluster-local.sh</c> (the script operators use) in a folder and on ports of their own.
/// Short node timeouts and webhook leases make failovers quick enough to test.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const int Nodes = 2;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "githost-cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private int _base;
    private StackExchange.Redis.ConnectionMultiplexer? _redis;

    /// <summary>HAProxy's HTTP address: what users and clients use.</summary>
    public Uri Proxy => new($"http://127.0.0.1:{_base}");

    /// <summary>HAProxy's SSH port.</summary>
    public int ProxySshPort => _base + 9;

    /// <summary>Node <paramref name="n"/> (1-based) directly, past HAProxy.</summary>
    public Uri Node(int n) => new($"http://127.0.0.1:{_base + 10 + n}");

    /// <summary>A connection to the cluster's Redis, for tests that use it the way the nodes do.</summary>
    public StackExchange.Redis.IConnectionMultiplexer Redis => _redis ??= StackExchange.Redis.ConnectionMultiplexer.Connect(
        new StackExchange.Redis.ConfigurationOptions { EndPoints = { { "127.0.0.1", _base + 3 } }, AbortOnConnectFail = false });

    public string PostgresConnectionString => $"Host=127.0.0.1;Port={_base + 2};Database=githost;Username=postgres";

    public async ValueTask InitializeAsync()
    {
        _base = FreePortRange(25);
        await ScriptAsync(TestContext.Current.CancellationToken, "start");
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        try
        {
            await ScriptAsync(CancellationToken.None, "stop");
        }
        finally
        {
            try
            {
                // GITHOST_CLUSTER_KEEP=1 keeps the logs and data home for a look after the run.
                if (Environment.GetEnvironmentVariable("GITHOST_CLUSTER_KEEP") != "1")
                {
                    Directory.Delete(_directory, recursive: true);
                }
            }
            catch (IOException)
            {
                // A process that outlived stop still writes its log; the temp folder is reclaimed later.
            }
        }
    }

    public Task KillNodeAsync(int n, CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "kill-node", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task StartNodeAsync(int n, CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "start-node", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task KillRedisAsync(CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "kill-redis");

    public Task StartRedisAsync(CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "start-redis");

    /// <summary>The last lines of node <paramref name="n"/>'s log, for failure messages.</summary>
    public string LogTail(int n, int lines = 60)
    {
        var path = Path.Combine(_directory, "logs", $"node{n}.log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : $"(no log at {path})";
    }

    public string Log(int n)
    {
        var path = Path.Combine(_directory, "logs", $"node{n}.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>The shared data home's repository folder of a repository id.</summary>
    public string RepositoryPath(long id) => Path.Combine(_directory, "home", "shared", "repos", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public HttpClient Client(Uri at, string? user = GitHostTestServer.AdminUser, string password = GitHostTestServer.AdminPassword)
    {
        var client = new HttpClient { BaseAddress = at, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    public static string CloneUrl(Uri at, string key, string slug, string user = GitHostTestServer.AdminUser, string password = GitHostTestServer.AdminPassword) =>
        new UriBuilder(at) { Path = $"/scm/{key.ToLowerInvariant()}/{slug}.git", UserName = user, Password = Uri.EscapeDataString(password) }.Uri.ToString();

    private async Task ScriptAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "ops", "cluster-local.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GITHOST_CLUSTER_DIR"] = _directory;
        start.Environment["GITHOST_CLUSTER_PORT"] = _base.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["GITHOST_CLUSTER_NODES"] = Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["GITHOST_SERVER_DLL"] = Path.Combine(AppContext.BaseDirectory, "GitHost.Server.dll");
        start.Environment["GITHOST_ADMIN_PASSWORD"] = GitHostTestServer.AdminPassword;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__GitHost"] = "Debug";
        start.Environment["GitHost__Cluster__HeartbeatInterval"] = "00:00:00.500";
        start.Environment["GitHost__Cluster__NodeTimeout"] = "00:00:03";
        start.Environment["GitHost__Webhooks__AllowLoopback"] = "true";
        start.Environment["GitHost__Webhooks__LeaseDuration"] = "00:00:05";
        start.Environment["GitHost__Webhooks__PollInterval"] = "00:00:00.500";
        start.Environment["GitHost__Pipelines__PollInterval"] = "00:00:00.500";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"ops/cluster-local.sh {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}\n--- node1\n{LogTail(1)}\n--- node2\n{LogTail(2)}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ops", "cluster-local.sh")))
            {
                return directory.FullName;
            }
        }

        throw new FileNotFoundException($"ops/cluster-local.sh is in no folder above {AppContext.BaseDirectory}.");
    }

    /// <summary>A base port whose next <paramref name="count"/> ports are all free now.</summary>
    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 40_000);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} free consecutive loopback ports between 20000 and 40000.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
