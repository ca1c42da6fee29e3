using GitHost.Data.Comments;
using GitHost.Services.Comments;
using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Diff;

namespace GitHost.Services.PullRequests.Diffs;

/// <summary>
/// The comments a streamed diff carries, loaded before the diff runs and placed while it streams:
/// each file's comments go to the file whose new path they name, or whose old path when no file has
/// it as its new path (a deleted or renamed file's comments); a line comment goes on the first line
/// shown on its side (FROM: old numbering, TO: new) and of its line type, and stays out when the
/// diff does not show that line, as it would in Bitbucket's view of the same diff.
/// </summary>
public sealed class DiffCommentPlacement
{
    private readonly IReadOnlyList<(CommentEntity Comment, CommentNode Node)> _comments;
    private Dictionary<FileChange, List<(CommentEntity Comment, CommentNode Node)>> _byFile = new(ReferenceEqualityComparer.Instance);

    internal DiffCommentPlacement(IReadOnlyList<(CommentEntity Comment, CommentNode Node)> comments) => _comments = comments;

    /// <summary>A diff shown without comments.</summary>
    public static DiffCommentPlacement None => new([]);

    /// <summary>Assigns the comments to the changed files, from git's list of them (before any patch).</summary>
    public void Changes(IReadOnlyList<FileChange> changes)
    {
        _byFile = new(ReferenceEqualityComparer.Instance);
        if (_comments.Count == 0)
        {
            return;
        }

        var files = new Dictionary<string, FileChange>(StringComparer.Ordinal);
        foreach (var change in changes.Where(c => c.Status != 'D'))
        {
            files.TryAdd(change.Path.ToString(), change);
        }

        foreach (var change in changes.Where(c => c.Status != 'A'))
        {
            files.TryAdd(change.OldSidePath.ToString(), change);
        }

        foreach (var comment in _comments)
        {
            if (files.TryGetValue(comment.Comment.Anchor!.Path, out var file))
            {
                if (!_byFile.TryGetValue(file, out var list))
                {
                    list = [];
                    _byFile.Add(file, list);
                }

                list.Add(comment);
            }
        }
    }

    /// <summary>The comments of a file the diff shows, or null when it has none.</summary>
    public FileDiffComments? StartFile(FileChange change) =>
        _byFile.TryGetValue(change, out var comments) ? new FileDiffComments(comments) : null;
}

/// <summary>One shown file's comments, oldest first; line comments are placed as the file's lines stream by.</summary>
public sealed class FileDiffComments
{
    private readonly List<(CommentEntity Comment, CommentNode Node)> _unplaced;
    private readonly SortedList<long, CommentNode> _lineComments = [];

    internal FileDiffComments(List<(CommentEntity Comment, CommentNode Node)> comments)
    {
        FileComments = comments.Where(c => c.Comment.Anchor!.Line is null).Select(c => c.Node).ToList();
        _unplaced = comments.Where(c => c.Comment.Anchor!.Line is not null).ToList();
    }

    public IReadOnlyList<CommentNode> FileComments { get; }

    /// <summary>The line comments placed so far, oldest first.</summary>
    public IList<CommentNode> LineComments => _lineComments.Values;

    /// <summary>
    /// Places the comments not yet placed that sit on this line and returns their ids (Bitbucket's
    /// <c>commentIds</c>), or null when none does.
    /// </summary>
    public List<long>? Place(DiffSegmentType type, int source, int destination)
    {
        List<long>? ids = null;
        for (var i = 0; i < _unplaced.Count; i++)
        {
            var (comment, node) = _unplaced[i];
            var anchor = comment.Anchor!;
            var from = anchor.FileType == "FROM";
            if ((from && type == DiffSegmentType.Added) || (!from && type == DiffSegmentType.Removed)
                || (anchor.LineType is not null && anchor.LineType != Name(type))
                || (from ? source : destination) != anchor.Line)
            {
                continue;
            }

            (ids ??= []).Add(comment.Id);
            _lineComments.Add(comment.Id, node);
            _unplaced.RemoveAt(i--);
        }

        return ids;
    }

    private static string Name(DiffSegmentType type) => type switch
    {
        DiffSegmentType.Added => "ADDED",
        DiffSegmentType.Removed => "REMOVED",
        _ => "CONTEXT",
    };
}
