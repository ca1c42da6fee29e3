using GitHost.Git.Commands;

namespace GitHost.Git.Maintenance;

/// <summary>
/// Runs an <see cref="OptimizationPlan"/> on a bare repository at nice 19 and records it in the marker
/// file <see cref="RepositoryFacts.MarkerFileName"/>. git's repack writes new packs before deleting old
/// ones, and the commit-graph and packed-refs are replaced by renames, so fetches running meanwhile are safe.
/// </summary>
public sealed class RepositoryMaintenance(GitCommandRunner git, TimeProvider time)
{
    public async Task RunAsync(string repositoryPath, OptimizationPlan plan, CancellationToken cancellationToken)
    {
        if (plan.IsEmpty)
        {
            return;
        }

        var repack = plan.Repack switch
        {
            // One pack with a reachability bitmap; the multi-pack-index (and its bitmap) of earlier geometric repacks goes.
            // Unreachable objects go to a cruft pack, not away: "-a -d" would drop the objects of a push that has
            // landed but not yet moved its refs. Like git gc, only those unreachable for two weeks are pruned.
            RepackKind.Full => git.Command("repack", "--cruft", "--cruft-expiration=2.weeks.ago", "-d", "-b", "--write-bitmap-index"),
            // Merges the packs that break a factor-2 progression (and loose objects) into one; big packs stay as they are.
            // The multi-pack-index covers all packs, so its bitmap is a full reachability bitmap.
            RepackKind.Geometric => git.Command("repack", "-d", "--geometric=2", "--write-midx", "--write-bitmap-index"),
            _ => null,
        };
        if (repack is not null)
        {
            (await repack.GitDir(repositoryPath).LowPriority().RunAsync(cancellationToken)).EnsureSuccess();
        }

        if (plan.CommitGraph != CommitGraphWrite.None)
        {
            // Bloom filters (--changed-paths) let log and blame of one path skip commits that did not touch it.
            var split = plan.CommitGraph == CommitGraphWrite.Replace ? "--split=replace" : "--split";
            (await git.Command("commit-graph", "write", "--reachable", split, "--changed-paths")
                .GitDir(repositoryPath).LowPriority().RunAsync(cancellationToken)).EnsureSuccess();
        }

        if (plan.PackRefs)
        {
            (await git.Command("pack-refs", "--all").GitDir(repositoryPath).LowPriority().RunAsync(cancellationToken)).EnsureSuccess();
        }

        var now = time.GetUtcNow();
        var previous = OptimizationMarker.Read(repositoryPath);
        OptimizationMarker.Write(repositoryPath, now, plan.Repack == RepackKind.Full ? now : previous.LastFullRepack);
    }
}
