using GitHost.Core.Builds;
using GitHost.Data;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Builds.RequiredBuilds;

/// <summary>
/// Vetoes a pull request until every key its required builds conditions name has a green build
/// on the source head. A status counts for a key when its parent is the key, or (without parent)
/// its own key is; every such status must be SUCCESSFUL, so one failed matrix leg keeps the veto.
/// </summary>
public sealed class RequiredBuildsCheck(GitHostDbContext db) : IMergeCheck
{
    public async Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken)
    {
        var pr = pullRequest.PullRequest;
        var model = await ConditionRefs.ModelAsync(db, pullRequest.Target.Repository, cancellationToken);
        var required = (await RequiredBuildConditions.ForRepositoryAsync(db, pr.RepositoryId, cancellationToken))
            .Where(c => c.RefMatcher.Matches(pr.ToRef, model) && c.ExemptRefMatcher?.Matches(pr.FromRef, model) != true)
            .SelectMany(c => c.BuildParentKeys)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (required.Count == 0)
        {
            return [];
        }

        var statuses = await db.BuildStatuses.AsNoTracking()
            .Where(b => b.CommitId == pr.FromCommit
                && (b.RepositoryId == pr.RepositoryId || b.RepositoryId == pr.FromRepositoryId || b.RepositoryId == null))
            .Select(b => new { b.Key, b.Parent, b.State })
            .ToListAsync(cancellationToken);
        var missing = new List<string>();
        foreach (var key in required)
        {
            var states = statuses.Where(s => (s.Parent ?? s.Key) == key).Select(s => s.State).ToList();
            var problem = states.Count == 0 ? "no build yet"
                : states.Contains(BuildState.Failed) ? "failed"
                : states.All(s => s == BuildState.Successful) ? null
                : states.Contains(BuildState.InProgress) ? "in progress"
                : "not successful";
            if (problem is not null)
            {
                missing.Add($"{key} ({problem})");
            }
        }

        return missing.Count == 0 ? [] :
        [
            new MergeVeto(
                "Not all required builds are successful yet",
                $"You still need successful builds for {string.Join(", ", missing)} on the source branch's latest commit before this pull request can be merged."),
        ];
    }
}
