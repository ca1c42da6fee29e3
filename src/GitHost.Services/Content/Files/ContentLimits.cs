using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.Content.Files;

/// <summary>
/// <c>GitHost:Content</c>: how much one request may read from a repository. Content is streamed,
/// so these bound memory and time per request, not the size of what a repository may hold.
/// </summary>
public sealed class ContentLimits
{
    public const string SectionName = "GitHost:Content";

    /// <summary>Bytes of one blob a browse request may read (skipping to <c>start</c> included).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBrowseScanBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Characters of line text one browse page or diff may hold before it is cut short.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxPageChars { get; set; } = 8 * 1024 * 1024;

    /// <summary>Bytes of one line kept; the rest of the line is dropped and the line marked truncated.</summary>
    [Range(16, int.MaxValue)]
    public int MaxLineBytes { get; set; } = 16 * 1024;

    /// <summary>Lines (context, added, removed) one diff response may hold; Bitbucket's default is 10,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxDiffLines { get; set; } = 10_000;

    /// <summary>Changed files one diff response may hold.</summary>
    [Range(1, int.MaxValue)]
    public int MaxDiffFiles { get; set; } = 1_000;

    /// <summary>Changes a change list reaches at all, like Bitbucket's <c>page.max.changes</c>: no page goes past it.</summary>
    [Range(1, int.MaxValue)]
    public int MaxChanges { get; set; } = 5_000;

    /// <summary>Commits the last-modified walk may visit before it gives up on the remaining files.</summary>
    [Range(1, int.MaxValue)]
    public int MaxLastModifiedCommits { get; set; } = 5_000;

    /// <summary>Lines per browse page when the caller does not say; and the most it may ask for.</summary>
    public const int DefaultBrowseLines = 500;

    public const int MaxBrowseLines = 20_000;
}
