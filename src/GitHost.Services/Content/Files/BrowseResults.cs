using GitHost.Core.Paging;

namespace GitHost.Services.Content.Files;

/// <summary>What <c>browse</c> found at a path: a directory page, a page of a text file's lines, or a binary file.</summary>
public abstract record BrowseResult(ContentPath Path, string Revision);

public sealed record DirectoryListing(ContentPath Path, string Revision, Page<DirectoryChild> Children) : BrowseResult(Path, Revision);

/// <summary>One entry of a directory; <see cref="Path"/> is relative to the directory, <see cref="Size"/> only for files.</summary>
public sealed record DirectoryChild(ContentPath Path, NodeType Type, string ContentId, long? Size, bool Executable);

public sealed record FileLines(ContentPath Path, string Revision, IReadOnlyList<TextLine> Lines, int Start, int Limit, bool IsLastPage)
    : BrowseResult(Path, Revision)
{
    public int? NextPageStart => IsLastPage ? null : Start + Lines.Count;

    /// <summary>Who last changed the page's lines, when asked for (<c>?blame</c>).</summary>
    public IReadOnlyList<BlameSpan>? Blame { get; init; }
}

public sealed record BinaryFile(ContentPath Path, string Revision) : BrowseResult(Path, Revision);
