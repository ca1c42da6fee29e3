using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.Comments;
using GitHost.Services.Comments;
using GitHost.Services.Content;
using GitHost.Services.Content.Diff;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Diffs;

/// <summary>
/// Reads the comments a pull request diff shows (<c>withComments</c>) before the diff streams: the
/// active (not orphaned) threads anchored on the diff of <c>diffType</c> and, for a diff of one path,
/// on that path. <see cref="DiffCommentPlacement"/> then places them on the files and lines shown.
/// </summary>
public sealed class DiffCommentQuery(GitHostDbContext db, CommentThreads threads)
{
    public async Task<DiffCommentPlacement> LoadAsync(
        PullRequestDiffScope scope, DiffQuery diffQuery, string diffType, long? viewerId, CancellationToken cancellationToken)
    {
        // EFFECTIVE anchors follow the pull request through rescopes; they match only its whole diff.
        if (diffType == DiffCommentType.Effective && scope.IsRange)
        {
            return DiffCommentPlacement.None;
        }

        var pullRequestId = scope.Target.PullRequest.Id;
        var query = db.Comments.AsNoTracking()
            .Where(c => c.PullRequestId == pullRequestId && c.ParentId == null && c.Anchor != null && !c.Anchor.Orphaned && c.Anchor.DiffType == diffType)
            .Where(c => c.State != CommentState.Pending || c.AuthorId == viewerId);
        if (diffType != DiffCommentType.Effective)
        {
            var (from, to) = (scope.Range.From, scope.Range.To);
            query = query.Where(c => c.Anchor!.FromHash == from && c.Anchor.ToHash == to);
        }

        // Filtered by path here rather than in SQL: a diff may name more files than a query takes parameters.
        var anchored = await query.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var paths = new[] { diffQuery.Path, diffQuery.SourcePath }.OfType<ContentPath>().Where(p => !p.IsRoot).Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        if (paths.Count > 0)
        {
            anchored = anchored.Where(c => paths.Contains(c.Anchor!.Path)).ToList();
        }

        if (anchored.Count == 0)
        {
            return DiffCommentPlacement.None;
        }

        var nodes = await threads.LoadAsync(anchored, viewerId, cancellationToken);
        return new DiffCommentPlacement(anchored.Zip(nodes).ToList());
    }
}
