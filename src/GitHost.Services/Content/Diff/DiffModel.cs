namespace GitHost.Services.Content.Diff;

/// <summary>
/// A diff between two commits in Bitbucket's JSON terms. <see cref="FromHash"/> is null when the
/// diff starts from nothing (a root commit). Hunks and segments are filled while git's output is
/// parsed, so they are mutable until the diff is returned.
/// </summary>
public sealed record DiffResult(string? FromHash, string ToHash, int ContextLines, string Whitespace, IReadOnlyList<FileDiff> Diffs, bool Truncated);

public sealed class FileDiff(ContentPath? source, ContentPath? destination)
{
    public ContentPath? Source { get; } = source;

    public ContentPath? Destination { get; } = destination;

    public bool Binary { get; set; }

    public bool Truncated { get; set; }

    public List<DiffHunk> Hunks { get; } = [];
}

public sealed class DiffHunk(string? context, int sourceLine, int sourceSpan, int destinationLine, int destinationSpan)
{
    public string? Context { get; } = context;

    public int SourceLine { get; } = sourceLine;

    public int SourceSpan { get; } = sourceSpan;

    public int DestinationLine { get; } = destinationLine;

    public int DestinationSpan { get; } = destinationSpan;

    public bool Truncated { get; set; }

    public List<DiffSegment> Segments { get; } = [];
}

public sealed class DiffSegment(DiffSegmentType type)
{
    public DiffSegmentType Type { get; } = type;

    public bool Truncated { get; set; }

    public List<DiffLine> Lines { get; } = [];
}

/// <summary>
/// One line with its number on both sides: an ADDED line's <see cref="Source"/> is where it would
/// sit in the old file, a REMOVED line's <see cref="Destination"/> likewise in the new one.
/// </summary>
public sealed record DiffLine(int Source, int Destination, string Line, bool Truncated);

public enum DiffSegmentType
{
    Added,
    Removed,
    Context,
}
