using System.Globalization;
using GitHost.Git.Commands;

namespace GitHost.Git.Maintenance;

/// <summary>
/// Keeps a bare repository fast to serve: one pack with a reachability bitmap (fetches and clones
/// skip most object walking) and a split commit-graph (history walks skip parsing commits). git's
/// repack writes new packs before deleting old ones, so fetches running meanwhile are safe.
/// </summary>
public sealed class RepositoryMaintenance(GitCommandRunner git)
{
    /// <summary>Loose objects and pack count, from <c>git count-objects -v</c>.</summary>
    public async Task<(long LooseObjects, long Packs)> CountObjectsAsync(string repositoryPath, CancellationToken cancellationToken)
    {
        var result = (await git.Command("count-objects", "-v").GitDir(repositoryPath).LowPriority().RunAsync(cancellationToken)).EnsureSuccess();
        long loose = 0, packs = 0;
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            var parts = line.Split(": ", 2);
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                loose = parts[0] == "count" ? value : loose;
                packs = parts[0] == "packs" ? value : packs;
            }
        }

        return (loose, packs);
    }

    public async Task RepackAsync(string repositoryPath, CancellationToken cancellationToken)
    {
        (await git.Command("repack", "-a", "-d", "-b", "--write-bitmap-index").GitDir(repositoryPath).LowPriority().RunAsync(cancellationToken)).EnsureSuccess();
        (await git.Command("commit-graph", "write", "--reachable", "--split").GitDir(repositoryPath).LowPriority().RunAsync(cancellationToken)).EnsureSuccess();
    }
}
