using System.ComponentModel.DataAnnotations;

namespace GitHost.Git;

/// <summary><c>GitHost:Git</c>: how the git binary is run.</summary>
public sealed class GitOptions
{
    public const string SectionName = "GitHost:Git";

    [Required]
    public string Executable { get; set; } = "git";

    [Range(1, 86_400)]
    public int CommandTimeoutSeconds { get; set; } = 3_600;

    /// <summary>Largest git request body (a push's pack, or a fetch's negotiation), in bytes, after gzip is undone. Larger → 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxPushBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary><c>GitHost:Git:Housekeeping</c>: background repack and commit-graph upkeep.</summary>
    public HousekeepingOptions Housekeeping { get; set; } = new();
}
