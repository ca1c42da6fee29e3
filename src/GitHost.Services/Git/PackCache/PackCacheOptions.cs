using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.Git.PackCache;

/// <summary>
/// <c>GitHost:Git:PackCache</c>: upload-pack answers (ref listings and packs) kept on disk, so a burst of
/// identical fetches (a CI fleet cloning one commit) costs one pack generation.
/// </summary>
public sealed class PackCacheOptions
{
    public const string SectionName = "GitHost:Git:PackCache";

    public bool Enabled { get; set; } = true;

    /// <summary>Where entries are kept; empty = <c>caches/upload-pack</c> in the data home. A local disk is best.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Total size of the entries; the least recently used go first.</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>An entry not used for this long is removed.</summary>
    [Range(1, 7 * 86_400)]
    public int MaxAgeSeconds { get; set; } = 3_600;

    /// <summary>Largest request body that is cached; a fetch negotiating with more haves than this is served directly.</summary>
    [Range(0, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How often the size and age limits are applied.</summary>
    [Range(1, 86_400)]
    public int SweepIntervalSeconds { get; set; } = 60;
}
