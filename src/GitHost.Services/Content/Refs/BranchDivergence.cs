using GitHost.Core.Security;
using GitHost.Services.Content.Files;
using LibGit2Sharp;

namespace GitHost.Services.Content.Refs;

/// <summary>How many commits a branch has that the base lacks (ahead), and the other way round (behind).</summary>
public sealed record AheadBehind(int Ahead, int Behind);

/// <summary>
/// Ahead/behind of branch tips against one base, for the branches page. Counted by libgit2 from the
/// merge base, so a page of branches costs a few walks, never the whole history.
/// </summary>
public sealed class BranchDivergence(ContentRepositories repositories)
{
    public async Task<IReadOnlyDictionary<string, AheadBehind>> AgainstAsync(
        Principal principal, string projectKey, string slug, string baseRef, IEnumerable<string> commitIds, CancellationToken cancellationToken)
    {
        using var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var repo = opened.Git;
        var result = new Dictionary<string, AheadBehind>(StringComparer.Ordinal);
        if (CommitResolver.TryResolve(repo, baseRef, "base") is not { } baseCommit)
        {
            return result;
        }

        foreach (var id in commitIds.Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (repo.Lookup<Commit>(id) is { } tip)
            {
                var divergence = repo.ObjectDatabase.CalculateHistoryDivergence(tip, baseCommit);
                result[id] = new AheadBehind(divergence.AheadBy ?? 0, divergence.BehindBy ?? 0);
            }
        }

        return result;
    }
}
