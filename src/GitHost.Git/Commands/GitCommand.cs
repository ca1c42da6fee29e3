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

    public async Task<GitResult> RunAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var process = Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = ReadBoundedAsync(process.StandardError, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_runner.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillAndReap(process);
            await IgnoreFailuresAsync(Task.WhenAll(stdout, stderr));
            throw;
        }

        var result = new GitResult(process.ExitCode, await stdout, await stderr, Describe());
        _runner.LogRun(result, stopwatch.ElapsedMilliseconds);
        return result;
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
    public async Task<GitStreamResult> StreamAsync(Func<Stream, CancellationToken, Task> readOutput, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var process = Start();
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_runner.Timeout);
        var stderr = ReadBoundedAsync(process.StandardError, timeout.Token);
        var stopped = false;
        var completed = false;
        try
        {
            await readOutput(process.StandardOutput.BaseStream, timeout.Token);

            // The reader is done; one more byte tells a process that has finished (EOF) from one that
            // would keep writing what nobody wants any more.
            var probe = new byte[1];
            stopped = await process.StandardOutput.BaseStream.ReadAsync(probe, timeout.Token) > 0;
            completed = true;
        }
        finally
        {
            if (!completed || stopped)
            {
                // Stopped on purpose, or the reader threw: the client went away or time ran out.
                KillAndReap(process);
            }
        }

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillAndReap(process);
            throw;
        }

        var result = new GitResult(process.ExitCode, "", await SafeAsync(stderr), Describe());
        _runner.LogRun(result, stopwatch.ElapsedMilliseconds);
        return new GitStreamResult(result, stopped);
    }

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
    public async Task<GitResult> RunStreamingAsync(Stream input, Stream output, Func<ValueTask>? onFirstOutput, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var process = Start();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        abort.CancelAfter(_runner.Timeout);
        var stderr = ReadBoundedAsync(process.StandardError, CancellationToken.None);
        var feed = FeedAsync(input, process.StandardInput.BaseStream, abort.Token);
        var drain = DrainAsync(process.StandardOutput.BaseStream, output, onFirstOutput, abort.Token);
        try
        {
            // A failed feed or drain must stop the process at once; waiting for the other side would hang.
            await WhenAllOrFirstFailureAsync(feed, drain);
            await process.WaitForExitAsync(abort.Token);
        }
        catch (Exception)
        {
            KillAndReap(process);
            _runner.LogKilled(Describe(), process.Id, stopwatch.ElapsedMilliseconds);
            abort.Cancel();
            await IgnoreFailuresAsync(Task.WhenAll(feed, drain));
            throw;
        }

        var result = new GitResult(process.ExitCode, "", await stderr, Describe()) { WroteOutput = await drain };
        _runner.LogRun(result, stopwatch.ElapsedMilliseconds);
        return result;
    }

    /// <summary>
    /// Runs a conversation (git's ssh transport: <c>upload-pack</c>, <c>receive-pack</c>,
    /// <c>upload-archive</c> without <c>--stateless-rpc</c>): stdin fed from <paramref name="input"/>
    /// and stdout copied to <paramref name="output"/> both at once, through fixed buffers. Unlike
    /// <see cref="RunStreamingAsync"/>, the run ends when git has closed its stdout and exited, whether
    /// or not the input reached its end (an ssh client may keep its side open until it sees the exit
    /// status). A failed input or output, or the token, kills and reaps the process tree, so a client
    /// that vanishes mid-push leaves no git behind and no ref moved.
    /// </summary>
    public async Task<GitResult> RunConversationAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var process = Start();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        abort.CancelAfter(_runner.Timeout);
        using var stopFeeding = CancellationTokenSource.CreateLinkedTokenSource(abort.Token);
        var stderr = ReadBoundedAsync(process.StandardError, CancellationToken.None);
        var feed = FeedAsync(input, process.StandardInput.BaseStream, stopFeeding.Token);
        var drain = DrainAsync(process.StandardOutput.BaseStream, output, null, abort.Token);
        try
        {
            // The input may end first (the client sent EOF) or fail (the client vanished): a failure stops git at once.
            if (await Task.WhenAny(feed, drain) == feed)
            {
                await feed;
            }

            await drain;
            await process.WaitForExitAsync(abort.Token);
        }
        catch (Exception)
        {
            KillAndReap(process);
            await abort.CancelAsync();
            await IgnoreFailuresAsync(Task.WhenAll(feed, drain));
            throw;
        }

        // git is done; input the client still sends (or never ends) has nowhere to go.
        await stopFeeding.CancelAsync();
        await IgnoreFailuresAsync(feed);
        var result = new GitResult(process.ExitCode, "", await stderr, Describe()) { WroteOutput = await drain };
        _runner.LogRun(result, stopwatch.ElapsedMilliseconds);
        return result;
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
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
                // Broken pipe on close: git is already gone.
            }
        }
    }

    private static async Task<bool> DrainAsync(Stream stdout, Stream output, Func<ValueTask>? onFirstOutput, CancellationToken cancellationToken)
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

    private static async Task<string> SafeAsync(Task<string> stderr)
    {
        try
        {
            return await stderr;
        }
        catch (OperationCanceledException)
        {
            return "";
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
