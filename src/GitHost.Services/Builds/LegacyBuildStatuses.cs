using GitHost.Core.Builds;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Builds;
using GitHost.Services.Common;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Builds;

/// <summary>
/// <c>/rest/build-status/1.0</c>: statuses attached to a commit id in every repository. Bitbucket
/// lets any licensed (signed-in) user post; reading is open like the commit itself would be, and
/// says nothing about which repositories hold the commit.
/// </summary>
public sealed class LegacyBuildStatuses(GitHostDbContext db, IMergeCheckInputs mergeCheckInputs, EpochClock clock)
{
    public const int MaxStatsCommits = 100;

    public async Task PostAsync(Principal principal, string commitId, BuildStatusInput input, CancellationToken cancellationToken)
    {
        if (principal.UserId is null)
        {
            throw principal.IsAuthenticated
                ? new GitHostException(FailureKind.Forbidden, "Posting to /rest/build-status/1.0 needs a user; repository tokens post to /rest/api/1.0/projects/{key}/repos/{slug}/commits/{sha}/builds.")
                : GitHostException.AuthenticationRequired();
        }

        var sha = BuildStatusValidation.CommitId(commitId);
        BuildStatusValidation.Validate(input);
        // Two first posts of a key race on the filtered unique index; the loser updates the winner's row.
        await db.WriteOrRetryAsUpdateAsync(
            async ct =>
            {
                var existing = await db.BuildStatuses.FirstOrDefaultAsync(b => b.RepositoryId == null && b.CommitId == sha && b.Key == input.Key, ct);
                await BuildStatusStore.UpsertAsync(db, existing, null, sha, input, clock.NowMs(), ct);
            },
            ct => db.BuildStatuses.AnyAsync(b => b.RepositoryId == null && b.CommitId == sha && b.Key == input.Key, ct),
            cancellationToken);
        await mergeCheckInputs.CommitChangedAsync(sha, cancellationToken);
    }

    public async Task<Page<BuildStatusEntity>> ListAsync(Principal principal, string commitId, string? orderBy, PageRequest page, CancellationToken cancellationToken)
    {
        DemandSignedIn(principal);
        var sha = BuildStatusValidation.CommitId(commitId);
        var all = await db.BuildStatuses.AsNoTracking().Where(b => b.CommitId == sha).ToListAsync(cancellationToken);
        IEnumerable<BuildStatusEntity> ordered = orderBy?.ToUpperInvariant() switch
        {
            null or "" or "NEWEST" => all.OrderByDescending(b => b.UpdatedDate),
            "OLDEST" => all.OrderBy(b => b.UpdatedDate),
            "STATUS" => all.OrderBy(b => b.State).ThenByDescending(b => b.UpdatedDate),
            _ => throw GitHostException.Invalid($"orderBy '{orderBy}' is not one of NEWEST, OLDEST, STATUS.", "orderBy"),
        };
        return Page<BuildStatusEntity>.From(ordered, new PageRequest(page.Start, Math.Min(page.Limit, 100)));
    }

    public async Task<IReadOnlyDictionary<string, BuildStats>> StatsAsync(Principal principal, IReadOnlyList<string> commitIds, CancellationToken cancellationToken)
    {
        DemandSignedIn(principal);
        if (commitIds.Count > MaxStatsCommits)
        {
            throw GitHostException.Invalid($"Ask for at most {MaxStatsCommits} commits at once.", "commitIds");
        }

        var shas = commitIds.Select(BuildStatusValidation.CommitId).Distinct().ToList();
        var rows = await db.BuildStatuses.AsNoTracking().Where(b => shas.Contains(b.CommitId))
            .Select(b => new { b.CommitId, b.State }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.CommitId).ToDictionary(g => g.Key, g => BuildStats.Of(g.Select(r => r.State)));
    }

    private static void DemandSignedIn(Principal principal)
    {
        if (!principal.IsAuthenticated)
        {
            throw GitHostException.AuthenticationRequired();
        }
    }
}
