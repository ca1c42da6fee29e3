using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Common;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Comments;

/// <summary>
/// Bitbucket's review in progress (<c>.../pull-requests/{id}/review</c>): comments posted with
/// state PENDING stay the caller's drafts until the review is finished (published, with an optional
/// general comment and a review status) or discarded.
/// </summary>
public sealed class PullRequestReviews(
    GitHostDbContext db,
    PullRequestAccess access,
    PullRequestComments comments,
    PullRequestParticipants participants,
    PullRequestActivities activities,
    IMergeCheckInputs mergeInputs,
    CommentThreads threads,
    EpochClock clock)
{
    /// <summary>The caller's pending comments, oldest first, with their (own pending and published) replies.</summary>
    public async Task<(Page<CommentNode> Page, PullRequestTarget Target)> PendingAsync(
        Principal principal, string projectKey, string slug, long number, PageRequest page, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var found = await db.Comments.AsNoTracking()
            .Where(c => c.PullRequestId == target.PullRequest.Id && c.AuthorId == userId && c.State == CommentState.Pending)
            .OrderBy(c => c.Id).ToPageAsync(page, cancellationToken);
        var nodes = await threads.LoadAsync(found.Values, userId, cancellationToken);
        return (new Page<CommentNode>(nodes, found.Request, found.IsLastPage), target);
    }

    /// <summary>
    /// Publishes the caller's pending comments (each announced as added), then adds
    /// <paramref name="commentText"/> as a general comment and sets <paramref name="participantStatus"/>
    /// (APPROVED, NEEDS_WORK, UNAPPROVED) when given. Returns how many comments were published.
    /// </summary>
    public async Task<int> FinishAsync(
        Principal principal, string projectKey, string slug, long number, string? commentText, string? participantStatus, string? lastReviewedCommit,
        CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var status = participantStatus?.ToUpperInvariant() switch
        {
            null or "" => (ParticipantStatus?)null,
            "APPROVED" => ParticipantStatus.Approved,
            "NEEDS_WORK" => ParticipantStatus.NeedsWork,
            "UNAPPROVED" => ParticipantStatus.Unapproved,
            _ => throw GitHostException.Invalid($"'{participantStatus}' is not a review status: use APPROVED, NEEDS_WORK or UNAPPROVED.", "participantStatus"),
        };
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pullRequest = target.PullRequest;
        if (commentText is not null)
        {
            CommentFailures.Text(commentText);
        }

        var pending = await db.Comments.Where(c => c.PullRequestId == pullRequest.Id && c.AuthorId == userId && c.State == CommentState.Pending)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var now = clock.NowMs();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var comment in pending)
            {
                comment.State = CommentState.Open;
                comment.CreatedDate = now;
                comment.UpdatedDate = now;
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var comment in pending)
            {
                var node = await threads.LoadAsync(comment, userId, cancellationToken);
                await comments.RecordAsync(principal, pullRequest, node, comment.ParentId is null ? "ADDED" : "REPLIED", PullRequestEvents.CommentAdded,
                    new Dictionary<string, object?> { ["commentParentId"] = comment.ParentId }, cancellationToken);
            }

            activities.Record(pullRequest, userId, PullRequestAction.ReviewFinished, new { publishedComments = pending.Count });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (commentText is not null)
        {
            await comments.CreateAsync(principal, projectKey, slug, number, new CommentInput(commentText, null, null, null, null, null, null), task: false, cancellationToken);
        }

        if (status is { } newStatus)
        {
            await participants.SetStatusAsync(principal, projectKey, slug, number, null, newStatus, lastReviewedCommit, cancellationToken);
        }

        if (pending.Any(c => c.Severity == CommentSeverity.Blocker))
        {
            await mergeInputs.PullRequestChangedAsync(pullRequest.Id, cancellationToken);
        }

        return pending.Count;
    }

    /// <summary>Deletes the caller's pending comments (replies first, so no parent goes before its children).</summary>
    public async Task DiscardAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pending = await db.Comments.Where(c => c.PullRequestId == target.PullRequest.Id && c.AuthorId == userId && c.State == CommentState.Pending)
            .OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        var ids = pending.Select(c => c.Id).ToList();
        if (await db.Comments.AnyAsync(c => c.ParentId != null && ids.Contains(c.ParentId.Value) && !ids.Contains(c.Id), cancellationToken))
        {
            throw CommentFailures.HasReplies();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CommentReactions.Where(r => ids.Contains(r.CommentId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var comment in pending)
        {
            db.Comments.Remove(comment);
            await db.SaveChangesAsync(cancellationToken);
        }

        activities.Record(target.PullRequest, userId, PullRequestAction.ReviewDiscarded, new { discardedComments = pending.Count });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
