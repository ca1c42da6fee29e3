using GitHost.Services.Content.Changes;

namespace GitHost.Services.Content.Diff;

/// <summary>
/// Gathers a parsed diff into <see cref="FileDiff"/>s, for callers that look at the diff as a whole
/// (checking a comment's anchor, re-anchoring comments) rather than sending it on.
/// </summary>
internal sealed class DiffModelBuilder : IDiffSink
{
    private readonly List<FileDiff> _files = [];
    private FileDiff? _file;
    private DiffHunk? _hunk;
    private DiffSegment? _segment;

    public IReadOnlyList<FileDiff> Files => _files;

    public bool Truncated { get; private set; }

    public void Start(DiffRange range)
    {
    }

    public void Changes(IReadOnlyList<FileChange> changes)
    {
    }

    public void StartFile(FileChange change)
    {
        _file = new FileDiff(change.Status == 'A' ? null : change.OldSidePath, change.Status == 'D' ? null : change.Path);
        _files.Add(_file);
        _hunk = null;
        _segment = null;
    }

    public void Binary() => _file!.Binary = true;

    public void StartHunk(DiffHunkHeader hunk)
    {
        _hunk = new DiffHunk(hunk.Context, hunk.SourceLine, hunk.SourceSpan, hunk.DestinationLine, hunk.DestinationSpan);
        _file!.Hunks.Add(_hunk);
        _segment = null;
    }

    public void Line(DiffSegmentType type, int source, int destination, string text, bool truncated)
    {
        if (_segment is null || _segment.Type != type)
        {
            _segment = new DiffSegment(type);
            _hunk!.Segments.Add(_segment);
        }

        _segment.Lines.Add(new DiffLine(source, destination, text, truncated));
    }

    public void LinesCapped(DiffSegmentType type)
    {
        if (_segment is not null && _segment.Type == type)
        {
            _segment.Truncated = true;
        }

        _hunk!.Truncated = _file!.Truncated = Truncated = true;
    }

    public void FilesCapped() => Truncated = true;

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
