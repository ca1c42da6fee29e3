namespace GitHost.Git.Maintenance;

/// <summary>
/// What a git process killed at the wrong moment (server crash, OOM killer, timeout) leaves in a
/// bare repository: a receive-pack's quarantine folder (<c>objects/incoming-*</c>, objects of a push
/// that never landed) and lock files (<c>refs/…/x.lock</c>, <c>packed-refs.lock</c>, <c>HEAD.lock</c>,
/// <c>config.lock</c>), and a killed housekeeping run's commit-graph and multi-pack-index locks. A lock
/// file left behind makes every later update of that ref (or write of that file) fail. Anything
/// older than the longest any git process may run (<c>GitHost:Git:CommandTimeoutSeconds</c>; GitHost
/// kills it then) cannot belong to a live process, and is removed.
/// </summary>
public static class StaleLeftovers
{
    private static readonly string[] TopLevelLocks = ["packed-refs.lock", "HEAD.lock", "config.lock", "shallow.lock"];

    // What a killed housekeeping run leaves: with one of these, every later commit-graph or multi-pack-index write fails.
    private static readonly string[] HousekeepingLocks =
    [
        Path.Combine("objects", "info", "commit-graph.lock"),
        Path.Combine("objects", "info", "commit-graphs", "commit-graph-chain.lock"),
        Path.Combine("objects", "pack", "multi-pack-index.lock"),
    ];

    /// <returns>how many folders and files were removed.</returns>
    public static int Remove(string repositoryPath, DateTime olderThanUtc)
    {
        var removed = 0;
        var objects = Path.Combine(repositoryPath, "objects");
        if (Directory.Exists(objects))
        {
            foreach (var quarantine in Directory.EnumerateDirectories(objects, "incoming-*"))
            {
                if (Directory.GetLastWriteTimeUtc(quarantine) < olderThanUtc && TryDeleteDirectory(quarantine))
                {
                    removed++;
                }
            }
        }

        var refs = Path.Combine(repositoryPath, "refs");
        var locks = TopLevelLocks.Concat(HousekeepingLocks).Select(name => Path.Combine(repositoryPath, name)).Where(File.Exists)
            .Concat(Directory.Exists(refs) ? Directory.EnumerateFiles(refs, "*.lock", SearchOption.AllDirectories) : []);
        foreach (var file in locks)
        {
            if (File.GetLastWriteTimeUtc(file) < olderThanUtc && TryDeleteFile(file))
            {
                removed++;
            }
        }

        return removed;
    }

    private static bool TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
