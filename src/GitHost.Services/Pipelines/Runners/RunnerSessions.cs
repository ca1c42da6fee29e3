using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Protocol;
using GitHost.Services.AccessTokens;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// Who a runner is: registration trades the one-time token for a secret of the runner's own; every
/// later call shows that secret. A disabled or deleted runner is refused; each call marks it seen.
/// </summary>
public sealed class RunnerSessions(GitHostDbContext db, EpochClock clock)
{
    public async Task<RunnerRegistered> RegisterAsync(string? token, RunnerRegistration registration, CancellationToken cancellationToken)
    {
        var hash = AccessTokenSecret.Hash(token ?? "");
        var runner = await db.PipelineRunners.FirstOrDefaultAsync(r => r.RegistrationTokenHash == hash, cancellationToken)
            ?? throw new GitHostException(FailureKind.Unauthenticated, "The registration token is unknown or was used already.");
        if (registration.Capacity is < 1 or > 64)
        {
            throw GitHostException.Invalid("capacity must be between 1 and 64.", "capacity");
        }

        var secret = "GHS-" + AccessTokenSecret.Generate()[AccessTokenSecret.Prefix.Length..];
        runner.RegistrationTokenHash = null;
        runner.SecretHash = AccessTokenSecret.Hash(secret);
        runner.Capacity = registration.Capacity;
        runner.HostName = Cut(registration.HostName, 255);
        runner.Version = Cut(registration.Version, 64);
        runner.LastSeenDate = clock.NowMs();
        await db.SaveChangesAsync(cancellationToken);
        return new RunnerRegistered(PipelineIds.Format(runner.Uuid), runner.Name, secret, runner.Labels.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public async Task<RunnerEntity> AuthenticateAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 256)
        {
            throw Refused();
        }

        var hash = AccessTokenSecret.Hash(secret);
        var runner = await db.PipelineRunners.AsNoTracking().FirstOrDefaultAsync(r => r.SecretHash == hash, cancellationToken) ?? throw Refused();
        if (!runner.Enabled)
        {
            throw new GitHostException(FailureKind.Forbidden, $"Runner {runner.Name} is disabled.");
        }

        var now = clock.NowMs();
        await db.PipelineRunners.Where(r => r.Id == runner.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastSeenDate, now), cancellationToken);
        runner.LastSeenDate = now;
        return runner;
    }

    private static GitHostException Refused() => new(FailureKind.Unauthenticated, "Unknown runner credential; register the runner again.");

    private static string? Cut(string? text, int length) => text is null ? null : text.Length > length ? text[..length] : text;
}
