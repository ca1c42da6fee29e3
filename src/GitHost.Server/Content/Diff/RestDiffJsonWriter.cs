using System.Buffers;
using System.Text.Json;
using GitHost.Services.Comments;
using GitHost.Services.Content;
using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Diff;
using GitHost.Services.PullRequests.Diffs;

namespace GitHost.Server.Content.Diff;

/// <summary>
/// Writes Bitbucket's diff JSON (the shape of <see cref="RestDiffs"/>, member for member) while git's
/// output is parsed, so a diff is never held whole: only the current file's place and comments are.
/// What is written gathers in a buffer that goes to the response each time it passes
/// <see cref="ChunkBytes"/>; until then nothing is sent, so a failure in a small diff still gets the
/// error envelope. After the first chunk, see <see cref="RestDiffResponse"/>.
/// </summary>
internal sealed class RestDiffJsonWriter : IDiffSink
{
    /// <summary>Bytes gathered before they are sent: large enough that most diffs go out whole, in one write.</summary>
    public const int ChunkBytes = 32 * 1024;

    private static readonly JsonEncodedText FromHashName = JsonEncodedText.Encode("fromHash");
    private static readonly JsonEncodedText ToHashName = JsonEncodedText.Encode("toHash");
    private static readonly JsonEncodedText ContextLinesName = JsonEncodedText.Encode("contextLines");
    private static readonly JsonEncodedText WhitespaceName = JsonEncodedText.Encode("whitespace");
    private static readonly JsonEncodedText DiffsName = JsonEncodedText.Encode("diffs");
    private static readonly JsonEncodedText TruncatedName = JsonEncodedText.Encode("truncated");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText DestinationName = JsonEncodedText.Encode("destination");
    private static readonly JsonEncodedText BinaryName = JsonEncodedText.Encode("binary");
    private static readonly JsonEncodedText HunksName = JsonEncodedText.Encode("hunks");
    private static readonly JsonEncodedText LineCommentsName = JsonEncodedText.Encode("lineComments");
    private static readonly JsonEncodedText FileCommentsName = JsonEncodedText.Encode("fileComments");
    private static readonly JsonEncodedText ContextName = JsonEncodedText.Encode("context");
    private static readonly JsonEncodedText SourceLineName = JsonEncodedText.Encode("sourceLine");
    private static readonly JsonEncodedText SourceSpanName = JsonEncodedText.Encode("sourceSpan");
    private static readonly JsonEncodedText DestinationLineName = JsonEncodedText.Encode("destinationLine");
    private static readonly JsonEncodedText DestinationSpanName = JsonEncodedText.Encode("destinationSpan");
    private static readonly JsonEncodedText SegmentsName = JsonEncodedText.Encode("segments");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText LinesName = JsonEncodedText.Encode("lines");
    private static readonly JsonEncodedText LineName = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText CommentIdsName = JsonEncodedText.Encode("commentIds");
    private static readonly JsonEncodedText Added = JsonEncodedText.Encode("ADDED");
    private static readonly JsonEncodedText Removed = JsonEncodedText.Encode("REMOVED");
    private static readonly JsonEncodedText Context = JsonEncodedText.Encode("CONTEXT");

    private readonly HttpResponse _response;
    private readonly DiffQuery _query;
    private readonly JsonSerializerOptions _json;
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes * 2);
    private readonly Utf8JsonWriter _writer;
    private DiffCommentPlacement _comments = DiffCommentPlacement.None;
    private Func<CommentNode, object>? _toRest;

    // The open file, hunk and segment; a file's members up to its hunks wait for its first hunk, because
    // "Binary files ... differ" comes after the header that starts it.
    private FileChange? _file;
    private bool _fileOpen;
    private bool _binary;
    private bool _fileTruncated;
    private FileDiffComments? _fileComments;
    private bool _hunkOpen;
    private DiffSegmentType? _segment;

    public RestDiffJsonWriter(HttpResponse response, DiffQuery query, JsonSerializerOptions json)
    {
        _response = response;
        _query = query;
        _json = json;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = json.Encoder });
    }

    /// <summary>True once a chunk went to the client: from then on a failure cannot become an error response.</summary>
    public bool Started { get; private set; }

    /// <summary>Shows <paramref name="comments"/> on the diff, each written by <paramref name="toRest"/>.</summary>
    public RestDiffJsonWriter WithComments(DiffCommentPlacement comments, Func<CommentNode, object> toRest)
    {
        _comments = comments;
        _toRest = toRest;
        return this;
    }

    public void Start(DiffRange range)
    {
        _writer.WriteStartObject();
        if (range.From is not null)
        {
            _writer.WriteString(FromHashName, range.From);
        }

        _writer.WriteString(ToHashName, range.To);
        _writer.WriteNumber(ContextLinesName, _query.ContextLines);
        _writer.WriteString(WhitespaceName, _query.Whitespace);
        _writer.WriteStartArray(DiffsName);
    }

    public void Changes(IReadOnlyList<FileChange> changes) => _comments.Changes(changes);

    public void StartFile(FileChange change)
    {
        EndFile();
        _file = change;
        _fileComments = _comments.StartFile(change);
    }

    public void Binary() => _binary = true;

    public void StartHunk(DiffHunkHeader hunk)
    {
        OpenFile();
        EndHunk(truncated: false);
        _writer.WriteStartObject();
        if (hunk.Context is not null)
        {
            _writer.WriteString(ContextName, hunk.Context);
        }

        _writer.WriteNumber(SourceLineName, hunk.SourceLine);
        _writer.WriteNumber(SourceSpanName, hunk.SourceSpan);
        _writer.WriteNumber(DestinationLineName, hunk.DestinationLine);
        _writer.WriteNumber(DestinationSpanName, hunk.DestinationSpan);
        _writer.WriteStartArray(SegmentsName);
        _hunkOpen = true;
    }

    public void Line(DiffSegmentType type, int source, int destination, string text, bool truncated)
    {
        if (_segment != type)
        {
            EndSegment(truncated: false);
            _writer.WriteStartObject();
            _writer.WriteString(TypeName, type switch { DiffSegmentType.Added => Added, DiffSegmentType.Removed => Removed, _ => Context });
            _writer.WriteStartArray(LinesName);
            _segment = type;
        }

        _writer.WriteStartObject();
        _writer.WriteNumber(SourceName, source);
        _writer.WriteNumber(DestinationName, destination);
        _writer.WriteString(LineName, text);
        _writer.WriteBoolean(TruncatedName, truncated);
        if (_fileComments?.Place(type, source, destination) is { } ids)
        {
            _writer.WriteStartArray(CommentIdsName);
            foreach (var id in ids)
            {
                _writer.WriteNumberValue(id);
            }

            _writer.WriteEndArray();
        }

        _writer.WriteEndObject();
    }

    public void LinesCapped(DiffSegmentType type)
    {
        // A segment of another type than the line that did not fit is whole; the cut falls between segments.
        EndSegment(truncated: _segment == type);
        EndHunk(truncated: true);
        _fileTruncated = true;
        EndFile();
        EndDiff(truncated: true);
    }

    public void FilesCapped()
    {
        EndFile();
        EndDiff(truncated: true);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) =>
        _writer.BytesPending + _buffer.WrittenCount >= ChunkBytes ? SendAsync(cancellationToken) : ValueTask.CompletedTask;

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_writer.CurrentDepth > 0)
        {
            EndFile();
            EndDiff(truncated: false);
        }

        await SendAsync(cancellationToken);
    }

    private async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        _writer.Flush();
        if (!Started)
        {
            _response.ContentType = "application/json; charset=utf-8";
            Started = true;
        }

        await _response.Body.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }

    private void OpenFile()
    {
        if (_fileOpen || _file is null)
        {
            return;
        }

        _writer.WriteStartObject();
        if (_file.Status != 'A')
        {
            _writer.WritePropertyName(SourceName);
            JsonSerializer.Serialize(_writer, RestPath.From(_file.OldSidePath), _json);
        }

        if (_file.Status != 'D')
        {
            _writer.WritePropertyName(DestinationName);
            JsonSerializer.Serialize(_writer, RestPath.From(_file.Path), _json);
        }

        _writer.WriteBoolean(BinaryName, _binary);
        _writer.WriteStartArray(HunksName);
        _fileOpen = true;
    }

    private void EndSegment(bool truncated)
    {
        if (_segment is null)
        {
            return;
        }

        _writer.WriteEndArray();
        _writer.WriteBoolean(TruncatedName, truncated);
        _writer.WriteEndObject();
        _segment = null;
    }

    private void EndHunk(bool truncated)
    {
        if (!_hunkOpen)
        {
            return;
        }

        EndSegment(truncated: false);
        _writer.WriteEndArray();
        _writer.WriteBoolean(TruncatedName, truncated);
        _writer.WriteEndObject();
        _hunkOpen = false;
    }

    private void EndFile()
    {
        if (_file is null)
        {
            return;
        }

        OpenFile();
        EndHunk(truncated: false);
        _writer.WriteEndArray();
        _writer.WriteBoolean(TruncatedName, _fileTruncated);
        if (_fileComments is { } comments)
        {
            WriteComments(LineCommentsName, comments.LineComments);
            WriteComments(FileCommentsName, comments.FileComments);
        }

        _writer.WriteEndObject();
        (_file, _fileOpen, _binary, _fileTruncated, _fileComments) = (null, false, false, false, null);
    }

    private void WriteComments(JsonEncodedText name, IEnumerable<CommentNode> comments)
    {
        var any = false;
        foreach (var comment in comments)
        {
            if (!any)
            {
                _writer.WriteStartArray(name);
                any = true;
            }

            JsonSerializer.Serialize(_writer, _toRest!(comment), _json);
        }

        if (any)
        {
            _writer.WriteEndArray();
        }
    }

    private void EndDiff(bool truncated)
    {
        _writer.WriteEndArray();
        _writer.WriteBoolean(TruncatedName, truncated);
        _writer.WriteEndObject();
    }
}
