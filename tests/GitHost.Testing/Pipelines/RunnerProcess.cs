using System.Collections.Concurrent;
using System.Diagnostics;

namespace GitHost.Testing.Pipelines;

/// <summary>
/// A real <c>githost-runner</c> process (the build output next to the tests, whose project references
/// GitHost.Runner), with its console output kept so tests can wait for what it says. Disposing kills it
/// and everything it started.
/// </summary>
public sealed class RunnerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineAdded = new(0);

    private RunnerProcess(Process process, string work)
    {
        _process = process;
        Work = work;
    }

    public string Work { get; }

    public int Id => _process.Id;

    public string Output => string.Join('\n', _lines);

    /// <param name="token">The registration token; null to start again from the credential saved in <paramref name="work"/>.</param>
    public static RunnerProcess Start(Uri server, string? token, string? work = null, params (string Key, string Value)[] settings)
    {
        work ??= Path.Combine(Path.GetTempPath(), "githost-runner-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "githost-runner.dll"));
        start.ArgumentList.Add("--server");
        start.ArgumentList.Add(server.ToString());
        start.ArgumentList.Add("--work");
        start.ArgumentList.Add(work);
        if (token is not null)
        {
            start.ArgumentList.Add("--token");
            start.ArgumentList.Add(token);
        }

        // Fast heartbeats and log flushes keep the tests short; the defaults are for real machines.
        start.Environment["Runner__HeartbeatInterval"] = "00:00:01";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("githost-runner did not start");
        var runner = new RunnerProcess(process, work);
        process.OutputDataReceived += (_, e) => runner.Add(e.Data);
        process.ErrorDataReceived += (_, e) => runner.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                await _lineAdded.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"githost-runner did not print \"{text}\" within {timeout}. It printed:\n{Output}");
        }
    }

    /// <summary>Pulls the plug: the runner and its steps' processes die at once, reporting nothing.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _lineAdded.Release();
        }
    }
}
