using GitHost.Core.Security;
using GitHost.Core.PullRequests;
using GitHost.Data.PullRequests;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>Bitbucket's <c>GET .../merge</c>: whether it can merge now, and every check's vetoes.</summary>
public sealed record MergeStatusView(bool CanMerge, bool Conflicted, string Outcome, IReadOnlyList<MergeVeto> Vetoes);

public sealed class MergeStatus(PullRequestAccess access, PullRequestViews views, MergeConflicts conflicts, MergeRefs mergeRefs, IEnumerable<IMergeCheck> checks)
{
    public async Task<MergeStatusView> GetAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        return await EvaluateAsync(target.PullRequest, cancellationToken);
    }

    public async Task<MergeStatusView> EvaluateAsync(PullRequestEntity pullRequest, CancellationToken cancellationToken)
    {
        if (pullRequest.State != PullRequestState.Open)
        {
            return new MergeStatusView(false, false, "UNKNOWN",
                [new MergeVeto("The pull request is not open", $"Only an open pull request can be merged; this one is {pullRequest.State.ToString().ToUpperInvariant()}.")]);
        }

        var vetoes = new List<MergeVeto>();
        var merge = await conflicts.MergeTreesAsync(pullRequest.RepositoryId, pullRequest.ToCommit, pullRequest.FromCommit, cancellationToken);
        // CI tools read the merge status and then fetch the merge ref, as Bitbucket refreshes it on this call.
        if (merge.Tree is { } tree)
        {
            await mergeRefs.PublishAsync(pullRequest.RepositoryId, pullRequest.Number, pullRequest.ToCommit, pullRequest.FromCommit, tree, cancellationToken);
        }
        else
        {
            await mergeRefs.RemoveAsync(pullRequest.RepositoryId, pullRequest.Number, cancellationToken);
            vetoes.Add(new MergeVeto(
                "The pull request has conflicts",
                $"Resolve the conflicts in {string.Join(", ", merge.ConflictedFiles)} before merging."));
        }

        var view = await views.LoadAsync(pullRequest, cancellationToken);
        foreach (var check in checks)
        {
            vetoes.AddRange(await check.CheckAsync(view, cancellationToken));
        }

        var outcome = merge.Conflicted ? "CONFLICTED" : "CLEAN";
        return new MergeStatusView(vetoes.Count == 0, merge.Conflicted, outcome, vetoes);
    }
}
