using System.Collections.Concurrent;

namespace GitHost.Services.Git.PackCache;

/// <summary>
/// Repository fingerprints for the pack cache, read from the files' contents only when their sizes and times
/// moved, or when the last reading is older than <see cref="ContentTrust"/>. A repository with 100,000 packed
/// refs or 1,000 loose ones costs 7–12 ms to read whole, on every request of a clone burst; its stamp costs a stat per
/// file. The stamp alone is what git trusts to keep its own packed-refs snapshot; the short trust bounds what a
/// file system with coarse times could hide.
/// </summary>
public sealed class RepositoryStates(TimeProvider time)
{
    public static readonly TimeSpan ContentTrust = TimeSpan.FromSeconds(1);

    /// <summary>Repositories remembered; past it the memory starts again (a node serving more at once reads more).</summary>
    public const int Capacity = 4_096;

    private readonly ConcurrentDictionary<string, Reading> _readings = new(StringComparer.Ordinal);

    public string Fingerprint(string gitDir)
    {
        var stamp = RepositoryState.Stamp(gitDir);
        var now = time.GetTimestamp();
        if (_readings.TryGetValue(gitDir, out var last) && last.Stamp == stamp && time.GetElapsedTime(last.ReadAt, now) < ContentTrust)
        {
            return last.Fingerprint;
        }

        var fingerprint = RepositoryState.Fingerprint(gitDir);
        if (_readings.Count >= Capacity)
        {
            _readings.Clear();
        }

        _readings[gitDir] = new Reading(stamp, fingerprint, now);
        return fingerprint;
    }

    private sealed record Reading(string Stamp, string Fingerprint, long ReadAt);
}
