namespace GitHost.Server.Content.Diff;

/// <summary>
/// Bitbucket's diff response: the wrapper around one <see cref="RestDiff"/> per changed file. Diffs are
/// written by <see cref="RestDiffJsonWriter"/> while git's output streams, member for member in this
/// shape; these records describe it (the OpenAPI document, clients in tests) and are not built per request.
/// </summary>
public sealed record RestDiffs(string? FromHash, string ToHash, int ContextLines, string Whitespace, IReadOnlyList<RestDiff> Diffs, bool Truncated);

/// <summary>One file's diff; <c>source</c> is absent for added files, <c>destination</c> for deleted ones.</summary>
public sealed record RestDiff(RestPath? Source, RestPath? Destination, bool Binary, IReadOnlyList<RestDiffHunk> Hunks, bool Truncated)
{
    /// <summary>Line comments of this file (<c>withComments</c>), each also named by its line's <c>commentIds</c>.</summary>
    public IReadOnlyList<object>? LineComments { get; init; }

    /// <summary>Comments on the file as a whole (<c>withComments</c>).</summary>
    public IReadOnlyList<object>? FileComments { get; init; }
}

public sealed record RestDiffHunk(
    string? Context, int SourceLine, int SourceSpan, int DestinationLine, int DestinationSpan, IReadOnlyList<RestDiffSegment> Segments, bool Truncated);

public sealed record RestDiffSegment(string Type, IReadOnlyList<RestDiffLine> Lines, bool Truncated);

public sealed record RestDiffLine(int Source, int Destination, string Line, bool Truncated)
{
    /// <summary>The ids of the comments on this line (<c>withComments</c>); absent when there are none.</summary>
    public IReadOnlyList<long>? CommentIds { get; init; }
}
