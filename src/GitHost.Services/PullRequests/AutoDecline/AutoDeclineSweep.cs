using GitHost.Core.Failures;
using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.PullRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.PullRequests.AutoDecline;

/// <summary>
/// One auto-decline pass: declines every OPEN pull request whose last update is older than the
/// inactivity period in force for its repository (its own setting, else its project's, else the
/// default). A pass with no setting enabled anywhere costs one read of the settings table; otherwise
/// only pull requests older than the shortest enabled period are read, in id order and in batches.
/// Each decline is its own scope and transaction, so one failure does not stop the rest.
/// </summary>
public sealed partial class AutoDeclineSweep(
    IServiceScopeFactory scopes, IOptions<AutoDeclineOptions> options, TimeProvider time, ILogger<AutoDeclineSweep> logger)
{
    /// <summary>Runs one pass; returns how many pull requests it declined.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Policy policy;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<AutoDeclineSettingsStore>();
            policy = new Policy(store.Default, await store.AllAsync(cancellationToken));
        }

        if (policy.Shortest is not { } shortest)
        {
            return 0;
        }

        var candidatesBefore = now.Add(-shortest).ToUnixTimeMilliseconds();
        var declined = 0;
        var afterId = 0L;
        while (true)
        {
            var batch = await CandidatesAsync(policy, candidatesBefore, afterId, cancellationToken);
            foreach (var candidate in batch)
            {
                var settings = policy.For(candidate.RepositoryId, candidate.ProjectId);
                var before = now.Add(-settings.Inactivity).ToUnixTimeMilliseconds();
                if (settings.Enabled && candidate.UpdatedDate < before && await DeclineAsync(candidate, before, cancellationToken))
                {
                    declined++;
                }
            }

            if (batch.Count < options.Value.BatchSize)
            {
                break;
            }

            afterId = batch[^1].Id;
        }

        if (declined > 0)
        {
            Log.Swept(logger, declined);
        }

        return declined;
    }

    private async Task<List<Candidate>> CandidatesAsync(Policy policy, long updatedBefore, long afterId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
        var query = from p in db.PullRequests.AsNoTracking()
                    join r in db.Repositories.AsNoTracking() on p.RepositoryId equals r.Id
                    where p.State == PullRequestState.Open && p.UpdatedDate < updatedBefore && p.Id > afterId
                    select new { p.Id, p.RepositoryId, r.ProjectId, p.UpdatedDate };
        if (!policy.Default.Enabled)
        {
            // Only where some project or repository switched it on; a repository that switched it off is skipped later.
            var repositories = policy.EnabledRepositories;
            var projects = policy.EnabledProjects;
            query = query.Where(c => repositories.Contains(c.RepositoryId) || projects.Contains(c.ProjectId));
        }

        var rows = await query.OrderBy(c => c.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        return rows.Select(c => new Candidate(c.Id, c.RepositoryId, c.ProjectId, c.UpdatedDate)).ToList();
    }

    private async Task<bool> DeclineAsync(Candidate candidate, long updatedBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var lifecycle = scope.ServiceProvider.GetRequiredService<PullRequestLifecycle>();
        try
        {
            var declined = await lifecycle.DeclineInactiveAsync(candidate.Id, updatedBefore, cancellationToken);
            if (declined)
            {
                Log.Declined(logger, candidate.Id, candidate.RepositoryId);
            }

            return declined;
        }
        catch (GitHostException e) when (e.Kind == FailureKind.Conflict)
        {
            // Someone changed it while the job ran: it is no longer inactive.
            Log.Skipped(logger, candidate.Id, e.Message);
            return false;
        }
    }

    private sealed record Candidate(long Id, long RepositoryId, long ProjectId, long UpdatedDate);

    /// <summary>The stored settings of every scope, resolved as <see cref="AutoDeclineSettingsStore.EffectiveAsync"/> does.</summary>
    private sealed class Policy
    {
        private readonly Dictionary<long, AutoDeclineSettings> _repositories = [];
        private readonly Dictionary<long, AutoDeclineSettings> _projects = [];

        public Policy(AutoDeclineSettings fallback, IEnumerable<(SettingsScope Scope, long ScopeId, AutoDeclineSettingsDocument Settings)> stored)
        {
            Default = fallback;
            foreach (var (scope, id, document) in stored)
            {
                var map = scope == SettingsScope.Repository ? _repositories : _projects;
                map[id] = new AutoDeclineSettings(document.Enabled, document.InactivityWeeks,
                    scope == SettingsScope.Repository ? AutoDeclineScope.Repository : AutoDeclineScope.Project, id);
            }

            EnabledRepositories = _repositories.Where(s => s.Value.Enabled).Select(s => s.Key).ToList();
            EnabledProjects = _projects.Where(s => s.Value.Enabled).Select(s => s.Key).ToList();
            var enabled = _repositories.Values.Concat(_projects.Values).Append(fallback).Where(s => s.Enabled).ToList();
            Shortest = enabled.Count == 0 ? null : enabled.Min(s => s.Inactivity);
        }

        public AutoDeclineSettings Default { get; }

        public List<long> EnabledRepositories { get; }

        public List<long> EnabledProjects { get; }

        /// <summary>The shortest enabled inactivity period; null when auto-decline is off everywhere.</summary>
        public TimeSpan? Shortest { get; }

        public AutoDeclineSettings For(long repositoryId, long projectId) =>
            _repositories.GetValueOrDefault(repositoryId) ?? _projects.GetValueOrDefault(projectId) ?? Default;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Pull request {PullRequestId} in {RepositoryId} auto-declined after inactivity")]
        public static partial void Declined(ILogger logger, long pullRequestId, long repositoryId);

        [LoggerMessage(EventId = 5121, Level = LogLevel.Information, Message = "Pull request {PullRequestId} changed while being auto-declined and stays open: {Reason}")]
        public static partial void Skipped(ILogger logger, long pullRequestId, string reason);

        [LoggerMessage(EventId = 5122, Level = LogLevel.Information, Message = "Auto-decline declined {Count} inactive pull requests")]
        public static partial void Swept(ILogger logger, int count);
    }
}
