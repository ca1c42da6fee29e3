using GitHost.Services.Comments;
using GitHost.Services.Content.Diff;

namespace GitHost.Services.PullRequests.Diffs;

/// <summary>
/// The comments a diff carries, per file: file comments, and line comments with the lines of the
/// diff they sit on. Files and lines are keyed by the instances of the diff shown, because two
/// lines of a diff may be equal as values.
/// </summary>
public sealed class DiffCommentPlacement
{
    private readonly Dictionary<FileDiff, FileDiffComments> _files = new(ReferenceEqualityComparer.Instance);

    /// <summary>A diff shown without comments.</summary>
    public static DiffCommentPlacement None => new();

    public FileDiffComments? For(FileDiff file) => _files.GetValueOrDefault(file);

    internal FileDiffComments Of(FileDiff file)
    {
        if (!_files.TryGetValue(file, out var placed))
        {
            placed = new FileDiffComments();
            _files.Add(file, placed);
        }

        return placed;
    }
}

/// <summary>One file's comments in a diff, oldest first.</summary>
public sealed class FileDiffComments
{
    private readonly Dictionary<DiffLine, List<long>> _lineIds = new(ReferenceEqualityComparer.Instance);

    public List<CommentNode> FileComments { get; } = [];

    public List<CommentNode> LineComments { get; } = [];

    /// <summary>The ids of the comments on <paramref name="line"/> (Bitbucket's <c>commentIds</c>), or null.</summary>
    public IReadOnlyList<long>? CommentIdsOn(DiffLine line) => _lineIds.GetValueOrDefault(line);

    internal void AddOnLine(DiffLine line, CommentNode comment)
    {
        if (!_lineIds.TryGetValue(line, out var ids))
        {
            ids = [];
            _lineIds.Add(line, ids);
        }

        ids.Add(comment.Comment.Id);
        LineComments.Add(comment);
    }
}
