using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Data.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Bitbucket's optimistic locking: a change names the version it was based on; a stale one is 409
/// <c>PullRequestOutOfDateException</c>. <see cref="PullRequestEntity.Version"/> is also the row's
/// concurrency token, so two changes racing from the same version cannot both be saved.
/// </summary>
public static class PullRequestVersions
{
    /// <summary>409 unless <paramref name="given"/> is the pull request's version (missing counts as stale, as in Bitbucket).</summary>
    public static void Demand(int? given, PullRequestEntity pullRequest)
    {
        if (given != pullRequest.Version)
        {
            throw PullRequestFailures.StaleVersion(given, pullRequest.Version);
        }
    }

    /// <summary>400 when no version was given at all (update and delete bodies).</summary>
    public static int Required(int? given) =>
        given ?? throw GitHostException.Invalid("The pull request's version is required: read the pull request and send its version.", "version");

    public static void Bump(PullRequestEntity pullRequest, long nowMs)
    {
        pullRequest.Version++;
        pullRequest.UpdatedDate = nowMs;
    }

    /// <summary>Saves; a concurrent change to the same pull request becomes 409 with the version now stored.</summary>
    public static async Task SaveAsync(GitHostDbContext db, PullRequestEntity pullRequest, int? given, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.PullRequests.AsNoTracking().Where(p => p.Id == pullRequest.Id).Select(p => (int?)p.Version).FirstOrDefaultAsync(cancellationToken);
            throw PullRequestFailures.StaleVersion(given, current ?? pullRequest.Version);
        }
    }
}
