using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Git.Commands;

/// <summary>Creates <see cref="GitCommand"/>s with GitHost's fixed environment.</summary>
public sealed partial class GitCommandRunner(IOptions<GitOptions> options, GitEnvironment environment, ILogger<GitCommandRunner> logger)
{
    internal TimeSpan Timeout => TimeSpan.FromSeconds(options.Value.CommandTimeoutSeconds);

    public GitCommand Command(string subcommand, params string[] literalOptions) => new(this, subcommand, literalOptions);

    internal ProcessStartInfo CreateStartInfo(string? gitDir, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var startInfo = new ProcessStartInfo(options.Value.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (gitDir is not null)
        {
            startInfo.ArgumentList.Add("--git-dir=" + gitDir);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        environment.Apply(startInfo.Environment);
        foreach (var (name, value) in extraEnvironment)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    internal void LogRun(GitResult result, long elapsedMs) => Log.GitRan(logger, result.Description, result.ExitCode, elapsedMs);

    internal void LogKilled(string command, int processId, long elapsedMs) => Log.GitKilled(logger, command, processId, elapsedMs);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "{Command} (process {ProcessId}) was killed and reaped after {ElapsedMs} ms: its input or output failed")]
        public static partial void GitKilled(ILogger logger, string command, int processId, long elapsedMs);

        [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "{Command} exited with {ExitCode} after {ElapsedMs} ms")]
        public static partial void GitRan(ILogger logger, string command, int exitCode, long elapsedMs);
    }
}
