using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Suggestions;

/// <summary>
/// Bitbucket's <c>GET /dashboard/pull-request-suggestions</c>: branches the caller recently created or
/// pushed to, newest change first, one per branch, that a pull request could be opened from now:
/// the branch still exists, is not its repository's default branch, has no open pull request from it,
/// and its repository is one the caller can still read. The suggested target is the default branch.
/// A later deletion of the branch by the caller hides its earlier pushes.
/// </summary>
public sealed class PullRequestSuggestions(
    GitHostDbContext db, PermissionService permissions, RecordedRefChanges recorded, PullRequestGit git, EpochClock clock)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <summary>How far back to look when no <c>changesSince</c> is given (Bitbucket documents no default).</summary>
    public const long DefaultSinceSeconds = 7 * 24 * 3600;

    /// <summary>The furthest back a caller may ask for: the scan is bounded by time as well as by count.</summary>
    public const long MaxSinceSeconds = 90L * 24 * 3600;

    public async Task<IReadOnlyList<PullRequestSuggestion>> SuggestAsync(
        Principal principal, long? changesSinceSeconds, long? limit, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var since = changesSinceSeconds ?? DefaultSinceSeconds;
        if (since < 0 || since > MaxSinceSeconds)
        {
            throw GitHostException.Invalid($"changesSince must be between 0 and {MaxSinceSeconds} seconds.", "changesSince");
        }

        var max = limit ?? DefaultLimit;
        if (max is < 1 or > MaxLimit)
        {
            throw GitHostException.Invalid($"limit must be between 1 and {MaxLimit}.", "limit");
        }

        var changes = await recorded.ForUserAsync(userId, clock.NowMs() - since * 1000, cancellationToken);
        var latest = new List<RecordedRefChange>();
        var seen = new HashSet<(long, string)>();
        foreach (var change in changes.Where(c => c.Change.RefId.StartsWith(PullRequestRefs.Heads, StringComparison.Ordinal)))
        {
            if (seen.Add((change.RepositoryId, change.Change.RefId)) && change.Change.Type is "ADD" or "UPDATE")
            {
                latest.Add(change);
            }
        }

        if (latest.Count == 0)
        {
            return [];
        }

        var ids = latest.Select(c => c.RepositoryId).Distinct().ToList();
        var readable = await (await RepositoryVisibility.QueryAsync(db, permissions, principal, Permission.RepoRead, cancellationToken))
            .Where(x => ids.Contains(x.Repository.Id)).ToDictionaryAsync(x => x.Repository.Id, cancellationToken);
        var refs = latest.Select(c => c.Change.RefId).Distinct().ToList();
        var open = (await db.PullRequests.AsNoTracking()
            .Where(p => p.State == PullRequestState.Open && ids.Contains(p.FromRepositoryId) && refs.Contains(p.FromRef))
            .Select(p => new { p.FromRepositoryId, p.FromRef }).ToListAsync(cancellationToken))
            .Select(p => (p.FromRepositoryId, p.FromRef)).ToHashSet();

        var suggestions = new List<PullRequestSuggestion>();
        foreach (var change in latest)
        {
            if (suggestions.Count == max)
            {
                break;
            }

            if (!readable.TryGetValue(change.RepositoryId, out var repository)
                || change.Change.RefId == PullRequestRefs.Heads + repository.Repository.DefaultBranch
                || open.Contains((change.RepositoryId, change.Change.RefId))
                || git.Resolve(change.RepositoryId, change.Change.RefId) is null)
            {
                continue;
            }

            suggestions.Add(new PullRequestSuggestion(change.Time, change.Change, repository));
        }

        return suggestions;
    }
}
