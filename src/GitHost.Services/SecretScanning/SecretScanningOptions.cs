using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// <c>GitHost:SecretScanning</c>: how much of a push is scanned. A push over a bound is not stalled:
/// it passes with a <c>remote:</c> warning saying what was not scanned.
/// </summary>
public sealed class SecretScanningOptions
{
    public const string SectionName = "GitHost:SecretScanning";

    /// <summary>Off: no push is scanned (rules can still be managed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Patch bytes (added and removed lines with git's headers) read per push before scanning stops.</summary>
    [Range(1_024, long.MaxValue)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Wall-clock budget per push; when spent, scanning stops and the push passes with a warning.</summary>
    [Range(1, 600_000)]
    public int TimeBudgetMilliseconds { get; set; } = 5_000;

    /// <summary>Blobs larger than this are treated as binary (git's core.bigFileThreshold) and not read.</summary>
    [Range(1_024, 512L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Pushes that arrive as loose objects (git unpacks fewer than 100) totalling at most this many bytes
    /// on disk, with at most this many bytes of file content to read, are scanned in the server's process
    /// through libgit2, which saves starting a git process (several ms); larger ones, and any that arrive
    /// as a pack, are read by <c>git log -p</c>. The findings are the same. 0: every push is read by git.
    /// </summary>
    [Range(0, 64L * 1024 * 1024)]
    public long InProcessMaxBytes { get; set; } = 1024 * 1024;

    /// <summary>Characters of one line that are scanned; the rest of a longer line (minified code) is skipped.</summary>
    [Range(80, 1_000_000)]
    public int MaxLineLength { get; set; } = 4_096;

    /// <summary>Findings listed to the pusher and recorded per push.</summary>
    [Range(1, 10_000)]
    public int MaxFindings { get; set; } = 50;

    /// <summary>Creates GitHost's default global rules once, on first start (admins may edit or delete them).</summary>
    public bool CreateDefaultRules { get; set; } = true;
}
