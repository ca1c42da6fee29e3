using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.Comments;
using GitHost.Services.Comments;
using GitHost.Services.Content.Diff;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Diffs;

/// <summary>
/// Reads the comments a pull request diff shows (<c>withComments</c>): the active (not orphaned)
/// threads anchored on the diff of <c>diffType</c>, each on its file, and a line comment on the line
/// of its side (FROM or TO) and type. A comment whose line the diff does not show stays out, as
/// it would in Bitbucket's view of the same diff.
/// </summary>
public sealed class DiffCommentQuery(GitHostDbContext db, CommentThreads threads)
{
    public async Task<DiffCommentPlacement> PlaceAsync(
        PullRequestDiffScope scope, DiffResult diff, string diffType, long? viewerId, CancellationToken cancellationToken)
    {
        // EFFECTIVE anchors follow the pull request through rescopes; they match only its whole diff.
        if (diff.Diffs.Count == 0 || (diffType == DiffCommentType.Effective && scope.IsRange))
        {
            return DiffCommentPlacement.None;
        }

        var pullRequestId = scope.Target.PullRequest.Id;
        var query = db.Comments.AsNoTracking()
            .Where(c => c.PullRequestId == pullRequestId && c.ParentId == null && c.Anchor != null && !c.Anchor.Orphaned && c.Anchor.DiffType == diffType)
            .Where(c => c.State != CommentState.Pending || c.AuthorId == viewerId);
        if (diffType != DiffCommentType.Effective)
        {
            query = query.Where(c => c.Anchor!.FromHash == diff.FromHash && c.Anchor.ToHash == diff.ToHash);
        }

        // Filtered by path here rather than in SQL: a diff may name more files than a query takes parameters.
        var anchored = await query.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var files = FilesByPath(diff);
        var placed = new List<(CommentEntity Comment, FileDiff File, DiffLine? Line)>();
        foreach (var comment in anchored)
        {
            var anchor = comment.Anchor!;
            if (!files.TryGetValue(anchor.Path, out var file))
            {
                continue;
            }

            if (anchor.Line is null)
            {
                placed.Add((comment, file, null));
            }
            else if (FindLine(file, anchor) is { } line)
            {
                placed.Add((comment, file, line));
            }
        }

        var placement = new DiffCommentPlacement();
        if (placed.Count == 0)
        {
            return placement;
        }

        var nodes = await threads.LoadAsync(placed.Select(p => p.Comment).ToList(), viewerId, cancellationToken);
        foreach (var ((_, file, line), node) in placed.Zip(nodes))
        {
            var comments = placement.Of(file);
            if (line is null)
            {
                comments.FileComments.Add(node);
            }
            else
            {
                comments.AddOnLine(line, node);
            }
        }

        return placement;
    }

    /// <summary>Each file by its new path, and by its old one when that names no other file (a deleted or renamed file's comments).</summary>
    private static Dictionary<string, FileDiff> FilesByPath(DiffResult diff)
    {
        var files = new Dictionary<string, FileDiff>(StringComparer.Ordinal);
        foreach (var file in diff.Diffs.Where(f => f.Destination is not null))
        {
            files.TryAdd(file.Destination!.ToString(), file);
        }

        foreach (var file in diff.Diffs.Where(f => f.Source is not null))
        {
            files.TryAdd(file.Source!.ToString(), file);
        }

        return files;
    }

    /// <summary>The line on the anchor's side: FROM lines are numbered in the old file, TO lines in the new one.</summary>
    private static DiffLine? FindLine(FileDiff file, CommentAnchor anchor)
    {
        var from = anchor.FileType == "FROM";
        foreach (var segment in file.Hunks.SelectMany(h => h.Segments))
        {
            var type = segment.Type.ToString().ToUpperInvariant();
            if ((from && segment.Type == DiffSegmentType.Added) || (!from && segment.Type == DiffSegmentType.Removed)
                || (anchor.LineType is not null && anchor.LineType != type))
            {
                continue;
            }

            if (segment.Lines.FirstOrDefault(l => (from ? l.Source : l.Destination) == anchor.Line) is { } line)
            {
                return line;
            }
        }

        return null;
    }
}
