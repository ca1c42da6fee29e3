using System.Diagnostics;
using GitHost.Data;
using GitHost.Data.SecretScanning;
using GitHost.Git.Commands;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Git;
using LibGit2SharpException = LibGit2Sharp.LibGit2SharpException;
using Repository = LibGit2Sharp.Repository;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Secret scanning on push: the added lines of the commits the push brings (reachable from the new
/// tips, not from any ref the repository already has) through the global, project and repository
/// rules, in one streamed <c>git log -p</c>, or for a small push through libgit2 in this process, which
/// finds the same and saves starting git. Blocking findings refuse the push, one <c>remote:</c> line
/// each; warning findings and scans cut short by a bound let it through with a warning.
/// </summary>
public sealed partial class PushSecretScanner(
    GitHostDbContext db, GitCommandRunner git, RepositoryLayout layout, QuarantineViews views, SecretPatterns patterns, SecretDetectedRecorder recorder,
    SecretScanningMetrics metrics, IOptions<SecretScanningOptions> options, ILogger<PushSecretScanner> logger) : IPushCheck
{
    public async Task<PushCheckResult> CheckAsync(PushTarget push, IReadOnlyList<RefUpdate> updates, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tips = updates.Where(u => !u.IsDelete).Select(u => u.NewId).Distinct(StringComparer.Ordinal).ToList();
        if (!settings.Enabled || tips.Count == 0)
        {
            return PushCheckResult.Allowed;
        }

        var stopwatch = Stopwatch.StartNew();
        var repositoryId = push.Repository.Repository.Id;
        var projectId = push.Repository.Project.Id;
        if (await db.SecretScanningExemptions.AsNoTracking().AnyAsync(e => e.RepositoryId == repositoryId, cancellationToken))
        {
            return PushCheckResult.Allowed;
        }

        var entities = await db.SecretScanningRules.AsNoTracking()
            .Where(r => r.ScopeType == SecretScanningScope.Global || r.ProjectId == projectId || r.RepositoryId == repositoryId)
            .ToListAsync(cancellationToken);
        var rules = new SecretRuleSet(entities, patterns);
        if (rules.IsEmpty)
        {
            return PushCheckResult.Allowed;
        }

        var warnings = new List<string>();
        var read = await ReadAsync(push, tips, rules, settings, cancellationToken);
        if (read.Warning is not null)
        {
            warnings.Add(read.Warning);
        }

        var findings = read.Lines.Findings;
        metrics.Scanned(stopwatch.Elapsed.TotalMilliseconds);
        Log.Scanned(logger, repositoryId, read.Reader, read.BytesRead, findings.Count, stopwatch.Elapsed.TotalMilliseconds);
        if (findings.Count == 0)
        {
            return new PushCheckResult([], warnings);
        }

        await recorder.RecordAsync(push, findings, cancellationToken);
        var blocking = findings.Where(f => f.Action == SecretScanningAction.Block).ToList();
        warnings.InsertRange(0, findings.Where(f => f.Action == SecretScanningAction.Warn).Select(f =>
            $"Warning: possible secret at {f.Location} ({f.RuleName}{Masked(f)}) in commit {f.CommitId[..12]}. The push was accepted; rotate it if it is real."));
        if (blocking.Count == 0)
        {
            return new PushCheckResult([], warnings);
        }

        Log.Blocked(logger, repositoryId, push.Session.Principal.UserId, blocking.Count);
        var refusals = new List<string>(blocking.Count + 1)
        {
            $"Push rejected: {blocking.Count} secret(s) found. Remove them from these commits (amend or rebase), rotate them, and push again; " +
            "a repository administrator can allowlist a false positive.",
        };
        refusals.AddRange(blocking.Select(f => $"  {f.Location}: {f.RuleName}{Masked(f)} in commit {f.CommitId[..12]}"));
        return new PushCheckResult(refusals, warnings);
    }

    /// <summary>The push's added lines through the rules, in-process when it is small; a warning when the scan did not cover the whole push.</summary>
    private async Task<PushRead> ReadAsync(PushTarget push, IReadOnlyList<string> tips, SecretRuleSet rules, SecretScanningOptions settings, CancellationToken cancellationToken)
    {
        var path = layout.PathOf(push.Repository.Repository.Id);
        var quarantines = push.Quarantines;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.TimeBudgetMilliseconds);
        var lines = new AddedLineScanner(rules, settings);
        try
        {
            if (QuarantineSize.IsSmall(quarantines, settings.InProcessMaxBytes))
            {
                var reader = new InProcessPushReader(lines, settings);
                if (TryReadInProcess(push, path, quarantines, tips, reader, budget.Token))
                {
                    return new PushRead(lines, "libgit2", reader.BytesRead, null);
                }

                lines = new AddedLineScanner(rules, settings);
            }

            return await ReadWithGitAsync(push, path, quarantines, tips, lines, settings, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Incomplete("time");
            return new PushRead(lines, "timeout", 0,
                $"Warning: secret scanning stopped after {settings.TimeBudgetMilliseconds} ms (its time budget); the rest of this push was not scanned.");
        }
    }

    private bool TryReadInProcess(PushTarget push, string path, IReadOnlyList<string> quarantines, IReadOnlyList<string> tips, InProcessPushReader reader, CancellationToken cancellationToken)
    {
        try
        {
            using var repository = new Repository(path);
            using var view = views.Open(path, quarantines);
            if (reader.TryRead(repository, view.Repository, tips, cancellationToken))
            {
                return true;
            }

            Log.LeftToGit(logger, push.Repository.Repository.Id, "larger than the in-process bounds, or content libgit2 reads differently");
        }
        catch (Exception e) when (e is LibGit2SharpException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // git gives the answer (or its error) for what libgit2 could not read.
            Log.LeftToGit(logger, push.Repository.Repository.Id, e.Message);
        }

        return false;
    }

    /// <summary>Streams <c>git log -p</c> through the scanner.</summary>
    private async Task<PushRead> ReadWithGitAsync(PushTarget push, string path, IReadOnlyList<string> quarantines, IReadOnlyList<string> tips,
        AddedLineScanner lines, SecretScanningOptions settings, CancellationToken cancellationToken)
    {
        var command = git.Command("log", "-p", "-U0", "--format=%H", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
                "--diff-filter=d", "--src-prefix=a/", "--dst-prefix=b/", "--no-abbrev")
            .Config("core.quotePath", "false")
            .Config("core.bigFileThreshold", settings.MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GitDir(path);
        foreach (var tip in tips)
        {
            command.Value(tip);
        }

        command.Option("--not").Option("--all");

        // receive-pack runs pre-receive while the pushed objects are still quarantined
        // (objects/tmp_objdir-incoming-*); this git sees them only with those directories as alternates.
        // Objects are named by their content, so another push's quarantine seen too changes nothing.
        if (quarantines.Count > 0)
        {
            command.Environment("GIT_ALTERNATE_OBJECT_DIRECTORIES", string.Join(Path.PathSeparator, quarantines));
        }

        var scanner = new PatchScanner(lines, settings);
        var result = await command.StreamAsync(scanner.ScanAsync, cancellationToken);
        if (scanner.ReachedByteLimit)
        {
            metrics.Incomplete("size");
            return new PushRead(lines, "git", scanner.BytesRead,
                $"Warning: secret scanning stopped after {scanner.BytesRead / (1024 * 1024)} MB of changes (the limit is " +
                $"{settings.MaxBytes / (1024 * 1024)} MB); the rest of this push was not scanned.");
        }

        if (!result.Succeeded)
        {
            metrics.Incomplete("error");
            Log.GitFailed(logger, push.Repository.Repository.Id, result.Result.ExitCode, result.Result.StandardError);
            return new PushRead(lines, "git", scanner.BytesRead, "Warning: secret scanning could not read this push; it was not scanned.");
        }

        return new PushRead(lines, "git", scanner.BytesRead, null);
    }

    private static string Masked(SecretFinding finding) => finding.MaskedPrefix is { } prefix ? ", " + prefix : "";

    private static partial class Log
    {
        [LoggerMessage(EventId = 6230, Level = LogLevel.Debug,
            Message = "Secret scan of a push to {RepositoryId} read by {Reader}: {Bytes} bytes, {Findings} findings, {ElapsedMs} ms")]
        public static partial void Scanned(ILogger logger, long repositoryId, string reader, long bytes, int findings, double elapsedMs);

        [LoggerMessage(EventId = 6231, Level = LogLevel.Warning,
            Message = "Push to {RepositoryId} by {UserId} rejected: {Count} secrets found")]
        public static partial void Blocked(ILogger logger, long repositoryId, long? userId, int count);

        [LoggerMessage(EventId = 6232, Level = LogLevel.Warning,
            Message = "Secret scan of a push to {RepositoryId} failed: git exited {ExitCode}: {StandardError}")]
        public static partial void GitFailed(ILogger logger, long repositoryId, int exitCode, string standardError);

        [LoggerMessage(EventId = 6233, Level = LogLevel.Debug,
            Message = "Secret scan of a push to {RepositoryId} left to git: {Reason}")]
        public static partial void LeftToGit(ILogger logger, long repositoryId, string reason);
    }

    /// <param name="Reader">libgit2 or git (or timeout), for the log.</param>
    private sealed record PushRead(AddedLineScanner Lines, string Reader, long BytesRead, string? Warning);
}
