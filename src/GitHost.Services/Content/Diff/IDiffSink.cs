using GitHost.Services.Content.Changes;

namespace GitHost.Services.Content.Diff;

/// <summary>
/// Receives a diff in the order git writes it, while it is parsed: the changed files first, then
/// each shown file, its hunks and their lines. Nothing holds the whole diff unless the sink does,
/// so a sink that writes straight to a response keeps only the current file's state.
/// </summary>
public interface IDiffSink
{
    /// <summary>The range resolved to commit ids, before git runs.</summary>
    void Start(DiffRange range);

    /// <summary>Every changed path of the range, before the first patch (some may show no patch: whitespace-only under <c>-w</c>).</summary>
    void Changes(IReadOnlyList<FileChange> changes);

    void StartFile(FileChange change);

    /// <summary>The current file's contents are binary (it gets no hunks).</summary>
    void Binary();

    void StartHunk(DiffHunkHeader hunk);

    /// <summary>One line of the current hunk, numbered on both sides (see <see cref="DiffLine"/>).</summary>
    void Line(DiffSegmentType type, int source, int destination, string text, bool truncated);

    /// <summary>
    /// The line cap was reached at a line of <paramref name="type"/>: the current segment (when it is of
    /// that type), hunk, file and the whole diff are cut short here; nothing follows.
    /// </summary>
    void LinesCapped(DiffSegmentType type);

    /// <summary>The file cap was reached: the diff shows no more files; nothing follows.</summary>
    void FilesCapped();

    /// <summary>Called after each line read; a sink that writes to a response sends what it has gathered.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>git finished without error: the diff is whole (or cut short by a cap, as the sink was told).</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>A hunk's header: where it sits on both sides and git's function context (null when none).</summary>
public readonly record struct DiffHunkHeader(string? Context, int SourceLine, int SourceSpan, int DestinationLine, int DestinationSpan);
