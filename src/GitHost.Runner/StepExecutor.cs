using GitHost.Pipelines.Logs;
using GitHost.Pipelines.Protocol;
using GitHost.Runner.Artifacts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Runner;

/// <summary>
/// Runs one step in a fresh workspace: fetches the commit over Git HTTP with the step's job token, unpacks
/// the earlier steps' artifacts, runs the script, then the after-script with <c>BITBUCKET_EXIT_CODE</c>,
/// keeps its own artifacts, streams the log, heartbeats until the end (stopping when the server says so),
/// removes the workspace and reports the result.
/// </summary>
public sealed partial class StepExecutor(RunnerClient client, StepArtifactTransfer artifacts, IOptions<RunnerOptions> options, ILogger<StepExecutor> logger)
{
    public async Task RunAsync(string secret, RunnerJob job, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(options.Value.Work, "steps", job.StepUuid.Trim('{', '}'));
        var build = Path.Combine(directory, "build");
        Directory.CreateDirectory(build);
        Log.Started(logger, job.StepName, job.BuildNumber, job.StepUuid);
        var secrets = job.Variables.Where(v => v.Secured).Select(v => new MaskedSecret(v.Key, v.Value)).Append(new MaskedSecret("JOB_TOKEN", job.JobToken));
        StepResult result;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The server enforces max-time through heartbeats; this is the runner's own backstop if the server is unreachable.
        stop.CancelAfter(TimeSpan.FromMinutes(job.MaxTimeMinutes) + TimeSpan.FromMinutes(1));
        string? stopReason = null;
        await using (var log = new LogUploader(client, secret, job.StepUuid, job.LogOffset, secrets, options.Value.LogFlushInterval, logger))
        {
            using var heartbeatEnd = new CancellationTokenSource();
            var heartbeats = HeartbeatAsync(secret, job.StepUuid, reason => { stopReason = reason; stop.Cancel(); }, heartbeatEnd.Token);
            try
            {
                result = await ExecuteAsync(secret, job, directory, build, log, stop.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.WriteLine($"The runner could not run the step: {e.Message}");
                result = new StepResult("ERROR", null, e.Message);
            }

            if (stop.IsCancellationRequested)
            {
                var reason = stopReason ?? (cancellationToken.IsCancellationRequested ? "The runner was shut down." : $"The step ran longer than its max-time of {job.MaxTimeMinutes} minutes.");
                log.WriteLine(reason);
                result = new StepResult(cancellationToken.IsCancellationRequested ? "ERROR" : "FAILED", result.ExitCode, reason);
            }

            await heartbeatEnd.CancelAsync();
            await heartbeats;
        }

        // The workspace goes before the report, so a finished step never leaves files behind for the next one to see.
        TryDelete(directory);
        await ReportAsync(secret, job.StepUuid, result);
        Log.Ended(logger, job.StepName, job.BuildNumber, result.Result, result.ExitCode);
    }

    private async Task<StepResult> ExecuteAsync(string secret, RunnerJob job, string directory, string build, LogUploader log, CancellationToken stop)
    {
        if (job.Services.Count > 0 || job.Pipes.Count > 0)
        {
            var what = job.Services.Count > 0 ? $"services ({string.Join(", ", job.Services)})" : $"pipes ({string.Join(", ", job.Pipes)})";
            var reason = $"The step uses {what}, which need containers; a linux.shell runner cannot start them. Run the step on a runner with Docker, or replace them with script commands.";
            log.WriteLine(reason);
            return new StepResult("ERROR", null, reason);
        }

        if (job.Image is not null)
        {
            log.WriteLine($"Note: image {job.Image} is not used: a linux.shell runner runs the script on its own machine.");
        }

        var environment = job.Variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        environment["BITBUCKET_CLONE_DIR"] = build;
        if (job.CloneEnabled)
        {
            var cloned = await CloneAsync(job, build, environment, log, stop);
            if (cloned != 0)
            {
                return new StepResult("ERROR", cloned, $"Fetching commit {job.CommitId} failed (git exit code {cloned}).");
            }
        }

        if (job.DownloadArtifacts && await artifacts.FetchAsync(secret, job, build, log, stop) is { } fetchFailed)
        {
            log.WriteLine(fetchFailed);
            return new StepResult("ERROR", null, fetchFailed);
        }

        var scriptFile = Path.Combine(directory, "script.sh");
        await File.WriteAllTextAsync(scriptFile, ScriptWriter.Compose(job.Script, build), CancellationToken.None);
        var exitCode = await ProcessRun.RunAsync(options.Value.Shell, [scriptFile], build, environment, log, stop);
        if (job.AfterScript.Count > 0 && !stop.IsCancellationRequested)
        {
            log.WriteLine("");
            log.WriteLine("After script:");
            var afterFile = Path.Combine(directory, "after-script.sh");
            await File.WriteAllTextAsync(afterFile, ScriptWriter.Compose(job.AfterScript, build), CancellationToken.None);
            environment["BITBUCKET_EXIT_CODE"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var afterExit = await ProcessRun.RunAsync(options.Value.Shell, [afterFile], build, environment, log, stop);
            if (afterExit != 0)
            {
                log.WriteLine($"The after-script exited with {afterExit}; it does not change the step's result.");
            }
        }

        // Kept whether the script passed or failed (a failed build's reports are what one wants to read), as in Bitbucket.
        if (job.Artifacts.Count > 0 && !stop.IsCancellationRequested && await artifacts.KeepAsync(secret, job, directory, build, log, stop) is { } keepFailed)
        {
            log.WriteLine(keepFailed);
            return new StepResult("ERROR", exitCode, keepFailed);
        }

        return exitCode == 0 ? new StepResult("SUCCESSFUL", 0, null) : new StepResult("FAILED", exitCode, $"The script exited with {exitCode}.");
    }

    /// <summary>Fetches exactly the pipeline's commit (protocol v2 lets a client ask for any reachable commit), shallow when the file says so.</summary>
    private static async Task<int> CloneAsync(RunnerJob job, string build, Dictionary<string, string> environment, LogUploader log, CancellationToken stop)
    {
        var auth = $"http.extraHeader=Authorization: Bearer {job.JobToken}";
        var gitEnvironment = new Dictionary<string, string>(environment) { ["GIT_TERMINAL_PROMPT"] = "0" };
        log.WriteLine($"+ git fetch {job.CloneUrl} {job.CommitId}" + (job.CloneDepth is { } d ? $" --depth {d}" : ""));
        string[][] commands =
        [
            ["init", "-q", "."],
            ["remote", "add", "origin", job.CloneUrl],
            ["-c", auth, "-c", "protocol.version=2", "fetch", "-q", "--no-tags", .. job.CloneDepth is { } depth ? new[] { "--depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [], "origin", job.CommitId],
            ["checkout", "-q", "--detach", job.CommitId],
        ];
        foreach (var command in commands)
        {
            var exit = await ProcessRun.RunAsync("git", command, build, gitEnvironment, log, stop);
            if (exit != 0)
            {
                return exit;
            }
        }

        if (environment.TryGetValue("BITBUCKET_BRANCH", out var branch))
        {
            return await ProcessRun.RunAsync("git", ["checkout", "-q", "-B", branch], build, gitEnvironment, log, stop);
        }

        return 0;
    }

    private async Task HeartbeatAsync(string secret, string stepUuid, Action<string> stopRequested, CancellationToken end)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(end))
            {
                try
                {
                    var answer = await client.HeartbeatAsync(secret, stepUuid, end);
                    if (answer.Stop)
                    {
                        stopRequested(answer.Reason ?? "The server stopped the step.");
                        return;
                    }
                }
                catch (HttpRequestException e)
                {
                    Log.HeartbeatFailed(logger, stepUuid, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The result is the one report that must arrive: it is retried for as long as a lease would have lasted twice over.</summary>
    private async Task ReportAsync(string secret, string stepUuid, StepResult result)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.CompleteAsync(secret, stepUuid, result, CancellationToken.None);
                return;
            }
            catch (HttpRequestException e) when (attempt < 30)
            {
                Log.ReportRetried(logger, stepUuid, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            Log.CleanupFailed(logger, directory, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            Log.CleanupFailed(logger, directory, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Running step \"{StepName}\" of pipeline #{BuildNumber} ({StepUuid})")]
        public static partial void Started(ILogger logger, string stepName, int buildNumber, string stepUuid);

        [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Step \"{StepName}\" of pipeline #{BuildNumber} ended {Result} (exit code {ExitCode})")]
        public static partial void Ended(ILogger logger, string stepName, int buildNumber, string result, int? exitCode);

        [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Heartbeat of step {StepUuid} failed: {Error}")]
        public static partial void HeartbeatFailed(ILogger logger, string stepUuid, string error);

        [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Reporting the result of step {StepUuid} failed ({Error}); trying again")]
        public static partial void ReportRetried(ILogger logger, string stepUuid, string error);

        [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Could not remove the workspace {Directory}: {Error}")]
        public static partial void CleanupFailed(ILogger logger, string directory, string error);
    }
}
