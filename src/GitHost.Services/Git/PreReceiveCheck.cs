using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Git;

/// <summary>
/// The pre-receive decision: every update through every <see cref="IRefUpdatePolicy"/>. git runs the
/// hook once for the whole push and moves no ref unless it exits 0, so one refusal rejects it all.
/// Whole-push checks (<see cref="IPushCheck"/>) run only when every ref was allowed: a push refused
/// anyway is not worth reading.
/// </summary>
public sealed partial class PreReceiveCheck(IEnumerable<IRefUpdatePolicy> policies, IEnumerable<IPushCheck> pushChecks, ILogger<PreReceiveCheck> logger)
{
    /// <summary>The refusals (none means the push may proceed) and the warnings to show either way.</summary>
    public async Task<PushCheckResult> CheckAsync(PushTarget push, IReadOnlyList<RefUpdate> updates, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var refusals = new List<string>();
        foreach (var update in updates)
        {
            foreach (var policy in policies)
            {
                if (await policy.CheckAsync(push, update, cancellationToken) is { } refusal)
                {
                    refusals.Add(refusal);
                    break;
                }
            }
        }

        var refPolicies = Stopwatch.GetElapsedTime(started);
        var warnings = new List<string>();
        if (refusals.Count == 0)
        {
            foreach (var check in pushChecks)
            {
                var result = await check.CheckAsync(push, updates, cancellationToken);
                refusals.AddRange(result.Refusals);
                warnings.AddRange(result.Warnings);
            }
        }

        // What a push waits for in its hook, split so each check's cost can be read (tests/bench/push-checks.sh does).
        Log.Checked(logger, push.Session.RepositoryId, updates.Count, Math.Round(refPolicies.TotalMilliseconds, 3),
            Math.Round((Stopwatch.GetElapsedTime(started) - refPolicies).TotalMilliseconds, 3));
        if (refusals.Count > 0)
        {
            Log.Rejected(logger, push.Session.RepositoryId, push.Session.Principal.UserId, refusals.Count, updates.Count);
        }

        return new PushCheckResult(refusals, warnings);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3103, Level = LogLevel.Debug,
            Message = "Pre-receive checks of a push to {RepositoryId}: {RefCount} ref updates, ref policies {RefPoliciesMs} ms, push checks {PushChecksMs} ms")]
        public static partial void Checked(ILogger logger, long repositoryId, int refCount, double refPoliciesMs, double pushChecksMs);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
            Message = "Push to {RepositoryId} by {UserId} rejected: {RefusedCount} of {RefCount} ref updates refused")]
        public static partial void Rejected(ILogger logger, long repositoryId, long? userId, int refusedCount, int refCount);
    }
}
