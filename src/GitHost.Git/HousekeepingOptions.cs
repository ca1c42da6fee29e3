using System.ComponentModel.DataAnnotations;

namespace GitHost.Git;

/// <summary>
/// <c>GitHost:Git:Housekeeping</c>: when a repository is repacked (with bitmaps) and its commit-graph
/// rewritten. Work runs one repository at a time at the lowest CPU priority.
/// </summary>
public sealed class HousekeepingOptions
{
    public const string SectionName = GitOptions.SectionName + ":Housekeeping";

    public bool Enabled { get; set; } = true;

    /// <summary>Pushes to one repository after which it is repacked.</summary>
    [Range(1, 1_000_000)]
    public int PushesBeforeRepack { get; set; } = 50;

    /// <summary>How often every repository is checked with <c>git count-objects -v</c>.</summary>
    [Range(1, 7 * 86_400)]
    public int ScanIntervalSeconds { get; set; } = 6 * 3_600;

    /// <summary>Loose objects above which a scanned repository is repacked.</summary>
    [Range(1, int.MaxValue)]
    public int MaxLooseObjects { get; set; } = 6_700;

    /// <summary>Pack files above which a scanned repository is repacked.</summary>
    [Range(2, int.MaxValue)]
    public int MaxPacks { get; set; } = 50;
}
