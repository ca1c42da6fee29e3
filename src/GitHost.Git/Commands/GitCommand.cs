using System.Diagnostics;
using System.Text;

namespace GitHost.Git.Commands;

/// <summary>
/// The only way GitHost starts git. Literal options and user-supplied values are added by
/// different methods, arguments go through <see cref="ProcessStartInfo.ArgumentList"/> (never a
/// joined string), the environment is an allow-list, and stderr is always drained into a bounded
/// buffer so a chatty process cannot deadlock on a full pipe.
/// <code>
/// var result = await runner.Command("init", "--bare")
///     .Option("--initial-branch=" + branch)
///     .Value(path)
///     .RunAsync(ct);
/// </code>
/// </summary>
public sealed class GitCommand
{
    private const int MaxStandardErrorBytes = 64 * 1024;

    private readonly GitCommandRunner _runner;
    private readonly List<string> _arguments = [];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly string _subcommand;
    private string? _gitDir;
    private bool _lowPriority;
    private Action<int>? _started;

    internal GitCommand(GitCommandRunner runner, string subcommand, IEnumerable<string> literalOptions)
    {
        _runner = runner;
        _subcommand = subcommand;
        _arguments.Add(subcommand);
        _arguments.AddRange(literalOptions);
    }

    /// <summary>Runs against this bare repository (<c>--git-dir</c>).</summary>
    public GitCommand GitDir(string path)
    {
        _gitDir = path;
        return this;
    }

    /// <summary>A literal option written by GitHost code, never by a user.</summary>
    public GitCommand Option(string literal)
    {
        _arguments.Add(literal);
        return this;
    }

    /// <summary>A value that may come from a user: it may never be mistaken for an option.</summary>
    public GitCommand Value(string value)
    {
        if (value.StartsWith('-'))
        {
            throw new ArgumentException($"'{value}' looks like an option and cannot be passed as a value.", nameof(value));
        }

        _arguments.Add(value);
        return this;
    }

    /// <summary>
    /// <c>--</c> and then a path that may come from a user: after <c>--</c> git reads every argument as a
    /// path, so a path may start with '-' here. Nothing may be added after it.
    /// </summary>
    public GitCommand AfterSeparator(string path)
    {
        _arguments.Add("--");
        _arguments.Add(path);
        return this;
    }

    /// <summary>
    /// A literal option glued to a user value (<c>--prefix=</c> + value): glued, the value can never
    /// stand as an option of its own, whatever it starts with.
    /// </summary>
    public GitCommand OptionWithValue(string literalOption, string value)
    {
        if (!literalOption.StartsWith('-') || !literalOption.EndsWith('='))
        {
            throw new ArgumentException($"'{literalOption}' must be an option ending in '='.", nameof(literalOption));
        }

        _arguments.Add(literalOption + value);
        return this;
    }

    /// <summary>
    /// A <c>-c key=value</c> before the subcommand, set by GitHost code (never user input). It wins over
    /// the repository's own config, so a pushed or copied repository cannot override it.
    /// </summary>
    public GitCommand Config(string key, string literalValue)
    {
        _arguments.InsertRange(0, ["-c", key + "=" + literalValue]);
        return this;
    }

    /// <summary>Runs at the lowest CPU priority (nice 19): for housekeeping that must never slow clients down.</summary>
    public GitCommand LowPriority()
    {
        _lowPriority = true;
        return this;
    }

    /// <summary>
    /// Called with the process id once git runs (streamed runs only): doors log it, so an operator (or a
    /// test) can follow one request's git process from start to exit.
    /// </summary>
    public GitCommand OnStarted(Action<int> started)
    {
        _started = started;
        return this;
    }

    public GitCommand Environment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>Runs git with stdin closed and returns its whole stdout as text: for small answers only.</summary>
    public async Task<GitResult> RunAsync(CancellationToken cancellationToken)
    {
        var text = "";
        var run = await PumpAsync(
            input: null,
            async (stdout, ct) =>
            {
                using var reader = new StreamReader(stdout, leaveOpen: true);
                text = await reader.ReadToEndAsync(ct);
            },
            PumpEnd.BothSides,
            cancellationToken);
        return run.Result with { StandardOutput = text };
    }

    /// <summary>
    /// Runs git and hands its stdout to <paramref name="readOutput"/> as it arrives, so large output
    /// (an archive, a blob, a diff) is never held whole. When the reader returns before the end (it
    /// has read enough) or throws (the client went away), the process tree is killed rather than left
    /// blocked on a full pipe. <see cref="GitStreamResult.Stopped"/> says which happened.
    /// <code>
    /// var result = await runner.Command("cat-file", "blob").GitDir(path).Value(sha)
    ///     .StreamAsync((stdout, ct) => stdout.CopyToAsync(response.Body, ct), ct);
    /// </code>
    /// </summary>
    public Task<GitStreamResult> StreamAsync(Func<Stream, CancellationToken, Task> readOutput, CancellationToken cancellationToken) =>
        PumpAsync(input: null, readOutput, PumpEnd.BothSides, cancellationToken);

    /// <summary>
    /// Runs with stdin fed from <paramref name="input"/> and stdout copied to <paramref name="output"/>
    /// as it comes, both through fixed-size buffers, so a pack of any size never sits in memory.
    /// Stderr is kept (bounded). If the input fails (a broken gzip body, a body over its limit), the
    /// output fails (the client went away) or the token is cancelled, the whole process tree is
    /// killed and reaped before the exception propagates: no orphaned git, no half-written refs
    /// (receive-pack moves refs only after the whole pack arrived and the hooks agreed).
    /// <code>
    /// var result = await runner.Command("upload-pack", "--stateless-rpc").Value(path)
    ///     .RunStreamingAsync(request.Body, response.Body, onFirstOutput: null, ct);
    /// </code>
    /// </summary>
    public Task<GitResult> RunStreamingAsync(Stream input, Stream output, Func<ValueTask>? onFirstOutput, CancellationToken cancellationToken) =>
        CopyAsync(input, output, onFirstOutput, PumpEnd.BothSides, cancellationToken);

    /// <summary>
    /// Runs a conversation (git's ssh transport: <c>upload-pack</c>, <c>receive-pack</c>,
    /// <c>upload-archive</c> without <c>--stateless-rpc</c>): stdin fed from <paramref name="input"/>
    /// and stdout copied to <paramref name="output"/> both at once, through fixed buffers. Unlike
    /// <see cref="RunStreamingAsync"/>, the run ends when git has closed its stdout and exited, whether
    /// or not the input reached its end (an ssh client may keep its side open until it sees the exit
    /// status). A failed input or output, or the token, kills and reaps the process tree, so a client
    /// that vanishes mid-push leaves no git behind and no ref moved.
    /// </summary>
    public Task<GitResult> RunConversationAsync(Stream input, Stream output, CancellationToken cancellationToken) =>
        CopyAsync(input, output, onFirstOutput: null, PumpEnd.OutputSide, cancellationToken);

    private async Task<GitResult> CopyAsync(Stream input, Stream output, Func<ValueTask>? onFirstOutput, PumpEnd end, CancellationToken cancellationToken)
    {
        var wrote = false;
        var run = await PumpAsync(input, async (stdout, ct) => wrote = await CopyOutputAsync(stdout, output, onFirstOutput, ct), end, cancellationToken);
        return run.Result with { WroteOutput = wrote };
    }

    /// <summary>
    /// The one piece of code that moves bytes between a client and git. It feeds stdin from
    /// <paramref name="input"/> (or closes it), hands stdout to <paramref name="readOutput"/>, keeps
    /// stderr (bounded), and ends as <paramref name="end"/> says. Whatever goes wrong (the input or the
    /// output fails, the token is cancelled, the command runs past its timeout) kills and reaps the
    /// whole process tree before the exception propagates, so no git is left behind.
    /// </summary>
    private async Task<GitStreamResult> PumpAsync(Stream? input, Func<Stream, CancellationToken, Task> readOutput, PumpEnd end, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var process = Start();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        abort.CancelAfter(_runner.Timeout);
        using var stopFeeding = CancellationTokenSource.CreateLinkedTokenSource(abort.Token);

        // Killing the process tree closes stderr, so its reader always ends.
        var stderr = ReadBoundedAsync(process.StandardError, CancellationToken.None);
        var feed = input is null ? CloseAsync(process.StandardInput.BaseStream) : FeedAsync(input, process.StandardInput.BaseStream, stopFeeding.Token);
        var drain = ReadThenProbeAsync(process.StandardOutput.BaseStream, readOutput, abort.Token);
        bool stopped;
        try
        {
            if (end == PumpEnd.OutputSide)
            {
                // The input may end first (the client sent EOF) or fail (the client vanished): a failure stops git at once.
                if (await Task.WhenAny(feed, drain) == feed)
                {
                    await feed;
                }
            }
            else
            {
                // A failed feed or drain must stop the process at once; waiting for the other side would hang.
                await WhenAllOrFirstFailureAsync(feed, drain);
            }

            stopped = await drain;
            if (stopped)
            {
                KillAndReap(process);
            }

            await process.WaitForExitAsync(abort.Token);
        }
        catch (Exception)
        {
            KillAndReap(process);
            _runner.LogKilled(Describe(), process.Id, stopwatch.ElapsedMilliseconds);
            await abort.CancelAsync();
            await IgnoreFailuresAsync(Task.WhenAll(feed, drain));
            throw;
        }

        // git is done; input the client still sends (or never ends) has nowhere to go.
        await stopFeeding.CancelAsync();
        await IgnoreFailuresAsync(feed);
        var result = new GitResult(process.ExitCode, "", await stderr, Describe());
        _runner.LogRun(result, stopwatch.ElapsedMilliseconds);
        return new GitStreamResult(result, stopped);
    }

    // True when the reader stopped before git's end: one more byte tells a process that has finished
    // (end of stream) from one that would keep writing what nobody wants any more.
    private static async Task<bool> ReadThenProbeAsync(Stream stdout, Func<Stream, CancellationToken, Task> readOutput, CancellationToken cancellationToken)
    {
        await readOutput(stdout, cancellationToken);
        var probe = new byte[1];
        return await stdout.ReadAsync(probe, cancellationToken) > 0;
    }

    /// <summary>Starts git with GitHost's environment, at the priority asked for, and reports its process id.</summary>
    private Process Start()
    {
        var process = new Process { StartInfo = _runner.CreateStartInfo(_gitDir, _arguments, _environment) };
        process.Start();
        ApplyPriority(process);
        _started?.Invoke(process.Id);
        return process;
    }

    // The run has already failed or finished; what the pumps throw while being torn down says nothing new.
    private static Task IgnoreFailuresAsync(Task task) =>
        task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    // Reading the input and writing git's stdin fail for different reasons: a failed read is the
    // client's fault (disconnect, bad gzip, over the limit) and must propagate; a failed write means git
    // closed its stdin (it read all it wanted, or it failed and says why on stderr) and just ends the feed.
    private static async Task FeedAsync(Stream input, Stream stdin, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                try
                {
                    await stdin.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                catch (IOException)
                {
                    return;
                }
            }
        }
        finally
        {
            await CloseAsync(stdin);
        }
    }

    private static async Task CloseAsync(Stream stdin)
    {
        try
        {
            await stdin.DisposeAsync();
        }
        catch (IOException)
        {
            // Broken pipe on close: git is already gone.
        }
    }

    private static async Task<bool> CopyOutputAsync(Stream stdout, Stream output, Func<ValueTask>? onFirstOutput, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var wrote = false;
        int read;
        while ((read = await stdout.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (!wrote && onFirstOutput is not null)
            {
                await onFirstOutput();
            }

            wrote = true;
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return wrote;
    }

    private static async Task WhenAllOrFirstFailureAsync(Task first, Task second)
    {
        var done = await Task.WhenAny(first, second);
        await done;
        await (done == first ? second : first);
    }

    private static void KillAndReap(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            // Reap it: Process.WaitForExit collects the exit status, so no zombie stays behind.
            process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private void ApplyPriority(Process process)
    {
        if (!_lowPriority)
        {
            return;
        }

        try
        {
            process.PriorityClass = ProcessPriorityClass.Idle;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited already, or the OS refused: the work still runs, just at normal priority.
        }
    }

    private string Describe() => "git " + _subcommand;

    /// <summary>When a run with input is over.</summary>
    private enum PumpEnd
    {
        /// <summary>When both the input and the output reached their end (stateless HTTP: the request is whole).</summary>
        BothSides,

        /// <summary>When git closed its stdout and exited, whatever the input still does (an ssh session).</summary>
        OutputSide,
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length < MaxStandardErrorBytes)
            {
                text.Append(buffer, 0, Math.Min(read, MaxStandardErrorBytes - text.Length));
            }
        }

        return text.ToString();
    }
}
