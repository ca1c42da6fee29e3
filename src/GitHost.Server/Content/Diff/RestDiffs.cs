using GitHost.Services.Content.Diff;

namespace GitHost.Server.Content.Diff;

/// <summary>Bitbucket's diff response: the wrapper around one <see cref="RestDiff"/> per changed file.</summary>
public sealed record RestDiffs(string? FromHash, string ToHash, int ContextLines, string Whitespace, IReadOnlyList<RestDiff> Diffs, bool Truncated)
{
    public static RestDiffs From(DiffResult diff) => new(
        diff.FromHash, diff.ToHash, diff.ContextLines, diff.Whitespace, diff.Diffs.Select(RestDiff.From).ToList(), diff.Truncated);
}

/// <summary>One file's diff; <c>source</c> is absent for added files, <c>destination</c> for deleted ones.</summary>
public sealed record RestDiff(RestPath? Source, RestPath? Destination, bool Binary, IReadOnlyList<RestDiffHunk> Hunks, bool Truncated)
{
    public static RestDiff From(FileDiff diff) => new(
        diff.Source is null ? null : RestPath.From(diff.Source),
        diff.Destination is null ? null : RestPath.From(diff.Destination),
        diff.Binary,
        diff.Hunks.Select(h => new RestDiffHunk(
            h.Context, h.SourceLine, h.SourceSpan, h.DestinationLine, h.DestinationSpan,
            h.Segments.Select(s => new RestDiffSegment(
                s.Type.ToString().ToUpperInvariant(),
                s.Lines.Select(l => new RestDiffLine(l.Source, l.Destination, l.Line, l.Truncated)).ToList(),
                s.Truncated)).ToList(),
            h.Truncated)).ToList(),
        diff.Truncated);

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
