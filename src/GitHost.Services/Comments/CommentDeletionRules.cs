using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Comments;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Comments;

/// <summary>Bitbucket's rules for deleting any comment: the author or a repository administrator, naming the current version, and no replies.</summary>
internal static class CommentDeletionRules
{
    public static async Task DemandDeletableAsync(
        GitHostDbContext db, CommentEntity comment, long userId, Permission level, int? version, CancellationToken cancellationToken)
    {
        if (comment.AuthorId != userId && level < Permission.RepoAdmin)
        {
            throw GitHostException.NotPermitted();
        }

        if (version is null)
        {
            throw GitHostException.Invalid("The comment's version is required: read the comment and send its version.", "version");
        }

        if (version != comment.Version)
        {
            throw CommentFailures.StaleVersion(version, comment.Version);
        }

        if (await db.Comments.AnyAsync(c => c.ParentId == comment.Id, cancellationToken))
        {
            throw CommentFailures.HasReplies();
        }
    }
}
