using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace GitHost.Testing;

/// <summary>
/// GitHost as a separate OS process (<c>dotnet GitHost.Server.dll</c>) on a free loopback port, with
/// SQLite in a data home the caller owns: for tests that kill the server (SIGKILL) and start it again
/// on the same data. Its console log (single lines, GitHost categories at Debug) is in <see cref="Output"/>.
/// <code>
/// var home = GitHostProcess.CreateHome();
/// await using var server = await GitHostProcess.StartAsync(home, ct);
/// server.Kill();                                   // SIGKILL, no shutdown
/// await using var again = await GitHostProcess.StartAsync(home, ct);
/// </code>
/// </summary>
public sealed class GitHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;

    private GitHostProcess(Process process, string home, Uri baseAddress, CapturedLogs output)
    {
        _process = process;
        Home = home;
        BaseAddress = baseAddress;
        Output = output;
    }

    public string Home { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Every line the server wrote to stdout and stderr.</summary>
    public CapturedLogs Output { get; }

    /// <summary>A new empty data home under the temp folder; the caller deletes it.</summary>
    public static string CreateHome()
    {
        var home = Path.Combine(Path.GetTempPath(), "githost-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        return home;
    }

    /// <param name="environment">extra settings, e.g. <c>GitHost__Webhooks__AllowLoopback</c>.</param>
    /// <param name="port">the port to listen on (a restart on the same one, for clients that keep the address); a free one when null.</param>
    public static async Task<GitHostProcess> StartAsync(
        string home, CancellationToken cancellationToken, IDictionary<string, string>? environment = null, int? port = null)
    {
        port ??= FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(ServerAssembly());
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        startInfo.Environment["GITHOST_HOME"] = home;
        startInfo.Environment["GITHOST_ADMIN_PASSWORD"] = GitHostTestServer.AdminPassword;
        startInfo.Environment["GitHost__Database__Provider"] = "Sqlite";
        startInfo.Environment["Logging__LogLevel__GitHost"] = "Debug";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var output = new CapturedLogs();
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { output.Add(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { output.Add(line.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new GitHostProcess(process, home, new Uri($"http://127.0.0.1:{port}"), output);
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var listening = output.WaitForAsync(line => line.Contains("Application started", StringComparison.Ordinal), StartTimeout, cancellationToken);
            if (await Task.WhenAny(exited, listening) == exited)
            {
                throw new InvalidOperationException($"GitHost exited with {process.ExitCode} while starting:\n{string.Join('\n', output.Lines)}");
            }

            await listening;
            await server.ExpectRunningAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var raw = System.Text.Encoding.UTF8.GetBytes($"{GitHostTestServer.AdminUser}:{GitHostTestServer.AdminPassword}");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        return client;
    }

    /// <summary><c>http://admin:password@127.0.0.1:port/scm/key/slug.git</c>.</summary>
    public string AdminCloneUrl(string key, string slug) =>
        new UriBuilder(BaseAddress)
        {
            Path = $"/scm/{key.ToLowerInvariant()}/{slug}.git",
            UserName = GitHostTestServer.AdminUser,
            Password = Uri.EscapeDataString(GitHostTestServer.AdminPassword),
        }.Uri.ToString();

    /// <summary>The ids of every process below the server (its git children and theirs).</summary>
    public IReadOnlyList<int> Descendants() => ProcessTable.DescendantsOf(_process.Id);

    /// <summary>SIGKILL to the server alone, as the OOM killer or a power cut would: no shutdown code runs. Its children live on.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private async Task ExpectRunningAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var status = await client.GetStringAsync("/status", cancellationToken);
        var state = JsonDocument.Parse(status).RootElement.GetProperty("state").GetString();
        if (state != "RUNNING")
        {
            throw new InvalidOperationException($"GET /status answered {status}.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// GitHost.Server.dll: next to the test assembly (the test project references the server, so the
    /// build copies it with its runtimeconfig), else the server's own build output for this configuration.
    /// </summary>
    private static string ServerAssembly()
    {
        var besideTests = Path.Combine(AppContext.BaseDirectory, "GitHost.Server.dll");
        if (File.Exists(besideTests) && File.Exists(Path.Combine(AppContext.BaseDirectory, "GitHost.Server.runtimeconfig.json")))
        {
            return besideTests;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "GitHost.Server", "bin", configuration, "net10.0", "GitHost.Server.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"GitHost.Server.dll is neither in {AppContext.BaseDirectory} nor under src/GitHost.Server/bin/{configuration}. Build the solution first.");
    }
}
