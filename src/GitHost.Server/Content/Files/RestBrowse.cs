using GitHost.Server.Rest;

namespace GitHost.Server.Content.Files;

/// <summary><c>browse</c> of a directory: its path, the revision asked for, and a page of children.</summary>
public sealed record RestDirectory(RestPath Path, string Revision, RestPage<RestDirectoryChild> Children);

public sealed record RestDirectoryChild(RestPath Path, string ContentId, string Type, long? Size, string? Node);

/// <summary><c>browse</c> of a text file: a page of lines, each without its newline, and with <c>?blame</c> who last changed them.</summary>
public sealed record RestFileLines(IReadOnlyList<RestLine> Lines, int Start, int Size, bool IsLastPage, int Limit, int? NextPageStart)
{
    public IReadOnlyList<RestBlame>? Blame { get; init; }
}

public sealed record RestLine(string Text, bool? Truncated);

/// <summary><c>browse</c> of a binary file: no lines, just the flag and the path.</summary>
public sealed record RestBinaryFile(bool Binary, RestPath Path);

public sealed record RestNodeType(string Type);

public sealed record RestFileSize(long Size);
