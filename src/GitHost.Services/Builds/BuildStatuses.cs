using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Builds;
using GitHost.Git.Reading;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.PullRequests;
using GitHost.Services.Repositories;
using LibGit2Sharp;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Builds;

/// <summary>
/// Build statuses on a repository's commits (<c>/rest/api/1.0/.../commits/{sha}/builds</c>): anyone
/// who can read the repository posts (CI bots have read access), administrators delete; the same key
/// on the same commit replaces the earlier status.
/// </summary>
public sealed class BuildStatuses(
    GitHostDbContext db, RepositoryLookup repositories, PermissionService permissions, GitRepositoryOpener opener,
    IMergeCheckInputs mergeCheckInputs, EpochClock clock)
{
    public async Task PostAsync(Principal principal, string projectKey, string slug, string commitId, BuildStatusInput input, CancellationToken cancellationToken)
    {
        if (!principal.IsAuthenticated)
        {
            throw GitHostException.AuthenticationRequired();
        }

        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var sha = BuildStatusValidation.CommitId(commitId);
        BuildStatusValidation.Validate(input);
        DemandCommit(repository.Repository.Id, sha);
        await RecordAsync(repository.Repository.Id, sha, input, cancellationToken);
    }

    /// <summary>Writes a status GitHost itself reports (its pipelines), with no caller to check: the commit and input are its own.</summary>
    public async Task RecordAsync(long repositoryId, string sha, BuildStatusInput input, CancellationToken cancellationToken)
    {
        await db.WriteOrRetryAsUpdateAsync(
            async ct =>
            {
                var existing = await db.BuildStatuses.FirstOrDefaultAsync(b => b.RepositoryId == repositoryId && b.CommitId == sha && b.Key == input.Key, ct);
                await BuildStatusStore.UpsertAsync(db, existing, repositoryId, sha, input, clock.NowMs(), ct);
            },
            ct => db.BuildStatuses.AnyAsync(b => b.RepositoryId == repositoryId && b.CommitId == sha && b.Key == input.Key, ct),
            cancellationToken);
        await mergeCheckInputs.CommitChangedAsync(sha, cancellationToken);
    }

    public async Task<BuildStatusEntity> GetAsync(Principal principal, string projectKey, string slug, string commitId, string? key, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var sha = BuildStatusValidation.CommitId(commitId);
        var demanded = DemandKey(key);
        return await db.BuildStatuses.AsNoTracking().FirstOrDefaultAsync(
                b => b.RepositoryId == repository.Repository.Id && b.CommitId == sha && b.Key == demanded, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"No build status with key '{demanded}' exists for commit {sha}.");
    }

    /// <summary>The repository's statuses for the commit, and the legacy ones posted for the commit everywhere.</summary>
    public async Task<Page<BuildStatusEntity>> ListAsync(Principal principal, string projectKey, string slug, string commitId, PageRequest page, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var sha = BuildStatusValidation.CommitId(commitId);
        var all = await db.BuildStatuses.AsNoTracking()
            .Where(b => b.CommitId == sha && (b.RepositoryId == repository.Repository.Id || b.RepositoryId == null))
            .ToListAsync(cancellationToken);
        return Page<BuildStatusEntity>.From(all.OrderByDescending(b => b.UpdatedDate).ThenBy(b => b.Key, StringComparer.Ordinal), page);
    }

    /// <summary>
    /// Counts by state for each of a list of the repository's commits (its statuses and the legacy ones),
    /// in one query: what a page of commits shows. Commits without a status are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, BuildStats>> StatsAsync(
        Principal principal, string projectKey, string slug, IReadOnlyList<string> commitIds, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var repositoryId = repository.Repository.Id;
        var shas = commitIds.Select(BuildStatusValidation.CommitId).Distinct().ToList();
        var rows = await db.BuildStatuses.AsNoTracking()
            .Where(b => shas.Contains(b.CommitId) && (b.RepositoryId == repositoryId || b.RepositoryId == null))
            .Select(b => new { b.CommitId, b.State }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.CommitId).ToDictionary(g => g.Key, g => BuildStats.Of(g.Select(r => r.State)), StringComparer.Ordinal);
    }

    public async Task DeleteAsync(Principal principal, string projectKey, string slug, string commitId, string? key, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        if (await permissions.RepositoryLevelAsync(principal, repository.Repository, repository.Project, cancellationToken) < Permission.RepoAdmin)
        {
            throw principal.IsAuthenticated ? GitHostException.NotPermitted() : GitHostException.AuthenticationRequired();
        }

        var sha = BuildStatusValidation.CommitId(commitId);
        var demanded = DemandKey(key);
        var deleted = await db.BuildStatuses
            .Where(b => b.RepositoryId == repository.Repository.Id && b.CommitId == sha && b.Key == demanded)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            throw new GitHostException(FailureKind.NotFound, $"No build status with key '{demanded}' exists for commit {sha}.");
        }

        await mergeCheckInputs.CommitChangedAsync(sha, cancellationToken);
    }

    private void DemandCommit(long repositoryId, string sha)
    {
        using var repo = opener.Open(repositoryId);
        if (repo.Lookup<Commit>(sha) is null)
        {
            throw new GitHostException(FailureKind.Invalid, $"Commit {sha} does not exist in this repository; post statuses for commits that were pushed.", "commitId");
        }
    }

    private static string DemandKey(string? key) =>
        string.IsNullOrWhiteSpace(key) ? throw GitHostException.Invalid("Give the build's key: ?key=...", "key") : key;
}
