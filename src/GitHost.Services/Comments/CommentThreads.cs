using GitHost.Data;
using GitHost.Data.Comments;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Comments;

/// <summary>Loads comments as Bitbucket returns them: each with its users and its replies nested below it.</summary>
public sealed class CommentThreads(GitHostDbContext db)
{
    /// <summary>
    /// The comments as nodes with their replies (and replies' replies), in the order given. Pending
    /// replies (a review not yet published) show only to their author, <paramref name="viewerId"/>.
    /// </summary>
    public async Task<IReadOnlyList<CommentNode>> LoadAsync(IReadOnlyList<CommentEntity> comments, long? viewerId, CancellationToken cancellationToken)
    {
        if (comments.Count == 0)
        {
            return [];
        }

        // Every reply of these threads at once: a thread's replies all name its root.
        var rootIds = comments.Select(c => c.RootId ?? c.Id).Distinct().ToList();
        var replies = await db.Comments.AsNoTracking().Where(c => c.RootId != null && rootIds.Contains(c.RootId.Value))
            .Where(c => c.State != Core.PullRequests.CommentState.Pending || c.AuthorId == viewerId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var all = comments.Concat(replies).DistinctBy(c => c.Id).ToList();
        var ids = all.Select(c => c.Id).ToList();
        var reactions = await db.CommentReactions.AsNoTracking().Where(r => ids.Contains(r.CommentId))
            .OrderBy(r => r.CreatedDate).ThenBy(r => r.UserId).ToListAsync(cancellationToken);
        var userIds = all.SelectMany(c => new[] { c.AuthorId, c.ResolverId, c.ThreadResolverId }).OfType<long>()
            .Concat(reactions.Select(r => r.UserId)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var children = replies.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!.Value);
        var byComment = reactions.ToLookup(r => r.CommentId);

        CommentNode Build(CommentEntity comment) => new(
            comment,
            users.GetValueOrDefault(comment.AuthorId),
            comment.ResolverId is { } resolver ? users.GetValueOrDefault(resolver) : null,
            comment.ThreadResolverId is { } threadResolver ? users.GetValueOrDefault(threadResolver) : null,
            children[comment.Id].Select(Build).ToList(),
            byComment[comment.Id].GroupBy(r => r.Emoticon)
                .Select(g => new CommentReactionSummary(
                    g.Key, CommentReactions.Emoticons.GetValueOrDefault(g.Key, g.Key), g.Select(r => (r.UserId, users.GetValueOrDefault(r.UserId))).ToList()))
                .ToList());

        return comments.Select(Build).ToList();
    }

    public async Task<CommentNode> LoadAsync(CommentEntity comment, long? viewerId, CancellationToken cancellationToken) =>
        (await LoadAsync([comment], viewerId, cancellationToken))[0];
}
