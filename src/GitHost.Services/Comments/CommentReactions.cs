using GitHost.Core.Failures;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Comments;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Comments;

/// <summary>
/// Emoticon reactions on pull request and commit comments (<c>/comment-likes/1.0/.../reactions/{emoticon}</c>).
/// Anyone who can read the comment reacts; adding a reaction twice, or removing one that is not
/// there, changes nothing (as Bitbucket). Only Bitbucket's emoticon shortcuts are taken.
/// </summary>
public sealed class CommentReactions(GitHostDbContext db, PullRequestAccess access, CommitComments commits, CommentThreads threads, EpochClock clock)
{
    /// <summary>Bitbucket's reaction emoticons, by shortcut.</summary>
    public static readonly IReadOnlyDictionary<string, string> Emoticons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["thumbsup"] = "\U0001F44D",
        ["thumbsdown"] = "\U0001F44E",
        ["heart"] = "\u2764\uFE0F",
        ["smile"] = "\U0001F604",
        ["laughing"] = "\U0001F606",
        ["tada"] = "\U0001F389",
        ["confused"] = "\U0001F615",
        ["eyes"] = "\U0001F440",
        ["rocket"] = "\U0001F680",
        ["white_check_mark"] = "\u2705",
        ["heavy_plus_sign"] = "\u2795",
        ["clap"] = "\U0001F44F",
    };

    public async Task<Reaction> ReactOnPullRequestAsync(
        Principal principal, string projectKey, string slug, long number, long commentId, string emoticon, bool add, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var shortcut = Shortcut(emoticon);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.PullRequestId == target.PullRequest.Id, cancellationToken);
        if (comment is null || (comment.State == CommentState.Pending && comment.AuthorId != userId))
        {
            throw CommentFailures.NotFound(commentId);
        }

        return await ApplyAsync(comment, userId, shortcut, add, cancellationToken);
    }

    public async Task<Reaction> ReactOnCommitAsync(
        Principal principal, string projectKey, string slug, string commitId, long commentId, string emoticon, bool add, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var shortcut = Shortcut(emoticon);
        var (node, _) = await commits.GetAsync(principal, projectKey, slug, commitId, commentId, cancellationToken);
        return await ApplyAsync(node.Comment, userId, shortcut, add, cancellationToken);
    }

    private async Task<Reaction> ApplyAsync(CommentEntity comment, long userId, string shortcut, bool add, CancellationToken cancellationToken)
    {
        var existing = await db.CommentReactions.FirstOrDefaultAsync(r => r.CommentId == comment.Id && r.UserId == userId && r.Emoticon == shortcut, cancellationToken);
        if (add && existing is null)
        {
            var added = db.CommentReactions.Add(new CommentReactionEntity { CommentId = comment.Id, UserId = userId, Emoticon = shortcut, CreatedDate = clock.NowMs() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same user's same reaction from a concurrent request: already there is what was asked.
                added.State = EntityState.Detached;
                if (!await db.CommentReactions.AsNoTracking().AnyAsync(r => r.CommentId == comment.Id && r.UserId == userId && r.Emoticon == shortcut, cancellationToken))
                {
                    throw;
                }
            }
        }
        else if (!add && existing is not null)
        {
            db.CommentReactions.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        return new Reaction(await threads.LoadAsync(comment, userId, cancellationToken), user, shortcut, Emoticons[shortcut]);
    }

    private static string Shortcut(string emoticon)
    {
        var shortcut = emoticon.Trim(':').ToLowerInvariant();
        return Emoticons.ContainsKey(shortcut)
            ? shortcut
            : throw GitHostException.Invalid(
                $"'{(emoticon.Length > 64 ? emoticon[..64] + "…" : emoticon)}' is not a reaction: use one of {string.Join(", ", Emoticons.Keys)}.", "emoticon");
    }
}

/// <summary>One user's reaction on a comment (Bitbucket's RestUserReaction).</summary>
public sealed record Reaction(CommentNode Comment, UserEntity User, string Shortcut, string Value);
