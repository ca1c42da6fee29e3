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
    private string? _gitDir;

    internal GitCommand(GitCommandRunner runner, string subcommand, IEnumerable<string> literalOptions)
    {
        _runner = runner;
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

    public GitCommand Environment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    public async Task<GitResult> RunAsync(CancellationToken cancellationToken)
    {
        var startInfo = _runner.CreateStartInfo(_gitDir, _arguments, _environment);
        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
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
            process.Kill(entireProcessTree: true);
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
        var startInfo = _runner.CreateStartInfo(_gitDir, _arguments, _environment);
        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
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
                Kill(process);
            }
        }

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        var result = new GitResult(process.ExitCode, "", await SafeAsync(stderr), Describe());
        _runner.LogRun(result, stopwatch.ElapsedMilliseconds);
        return new GitStreamResult(result, stopped);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
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

    private string Describe() => "git " + _arguments[0];

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
