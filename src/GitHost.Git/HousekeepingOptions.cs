using System.ComponentModel.DataAnnotations;

namespace GitHost.Git;

/// <summary>
/// <c>GitHost:Git:Housekeeping</c>: when a repository is repacked (with bitmaps), its commit-graph
/// rewritten and its refs packed. Each repository is evaluated shortly after its pushes and on a slow
/// scan; work runs one repository at a time per node at the lowest CPU priority.
/// </summary>
public sealed class HousekeepingOptions
{
    public const string SectionName = GitOptions.SectionName + ":Housekeeping";

    public bool Enabled { get; set; } = true;

    /// <summary>Seconds after a repository's last push before it is evaluated: a burst of pushes makes one evaluation.</summary>
    [Range(0, 3_600)]
    public int DelaySeconds { get; set; } = 2;

    /// <summary>
    /// The longest a repository waits after its first queued push, however often it is pushed to meanwhile:
    /// a repository pushed to every second would otherwise postpone its evaluation until its pushes pause.
    /// </summary>
    [Range(0, 86_400)]
    public int MaxDelaySeconds { get; set; } = 60;

    /// <summary>How often every repository is evaluated, whether it was pushed to or not.</summary>
    [Range(1, 7 * 86_400)]
    public int ScanIntervalSeconds { get; set; } = 6 * 3_600;

    /// <summary>Loose objects (estimated as <c>git gc --auto</c> does) above which a repository is repacked.</summary>
    [Range(1, int.MaxValue)]
    public int MaxLooseObjects { get; set; } = 6_700;

    /// <summary>Packs above which a repository is repacked into one, rather than geometrically.</summary>
    [Range(2, int.MaxValue)]
    public int MaxPacks { get; set; } = 50;

    /// <summary>Loose refs (files under <c>refs/</c>) above which they are packed with <c>git pack-refs --all</c>.</summary>
    [Range(1, 10_000_000)]
    public int MaxLooseRefs { get; set; } = 1_000;

    /// <summary>A repository that changed is repacked into one pack at least this often (default one week).</summary>
    [Range(3_600, 366 * 86_400)]
    public int FullRepackIntervalSeconds { get; set; } = 7 * 86_400;
}
