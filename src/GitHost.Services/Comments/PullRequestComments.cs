using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Comments;
using GitHost.Data.PullRequests;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Comments;

/// <summary>
/// Comments on a pull request: general, on a file, or on a line of its diff; replies form threads;
/// BLOCKER comments are tasks. Every change is one unit of work with its COMMENTED activity and its
/// pr:comment:* event. Anyone who can read the repository comments; only the author edits the text;
/// the author, the pull request's author or a repository administrator changes the rest; the author
/// or a repository administrator deletes, and only a comment without replies (as Bitbucket).
/// </summary>
public sealed partial class PullRequestComments(
    GitHostDbContext db,
    PullRequestAccess access,
    PullRequestViews views,
    PullRequestActivities activities,
    PullRequestEvents events,
    IMergeCheckInputs mergeInputs,
    CommentAnchors anchors,
    CommentThreads threads,
    EpochClock clock,
    ILogger<PullRequestComments> logger)
{
    public async Task<CommentNode> CreateAsync(
        Principal principal, string projectKey, string slug, long number, CommentInput input, bool task, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pullRequest = target.PullRequest;
        var text = CommentFailures.Text(input.Text);
        var severity = task ? CommentSeverity.Blocker : ParseSeverity(input.Severity) ?? CommentSeverity.Normal;
        var pending = string.Equals(input.State, "PENDING", StringComparison.OrdinalIgnoreCase);
        CommentEntity? parent = null;
        if (input.ParentId is { } parentId)
        {
            parent = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId && c.PullRequestId == pullRequest.Id, cancellationToken)
                ?? throw CommentFailures.NotFound(parentId);
        }

        NewComment.DemandParentOrAnchor(parent, input);
        var anchor = input.Anchor is null ? null : await anchors.ResolveAsync(principal, projectKey, slug, pullRequest, input.Anchor, cancellationToken);
        var comment = NewComment.Create(
            pullRequest.RepositoryId, parent, userId, text, severity, pending ? CommentState.Pending : CommentState.Open, anchor, clock.NowMs());
        comment.PullRequestId = pullRequest.Id;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Comments.Add(comment);
        await PullRequestWatching.EnsureWatchingAsync(db, pullRequest.Id, userId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var node = await threads.LoadAsync(comment, principal.UserId, cancellationToken);
        if (pending)
        {
            // A draft of a review: nobody else sees it, so nothing is recorded or announced until it is published.
            await transaction.CommitAsync(cancellationToken);
            return node;
        }

        await RecordAsync(principal, pullRequest, node, parent is null ? "ADDED" : "REPLIED", PullRequestEvents.CommentAdded,
            new Dictionary<string, object?> { ["commentParentId"] = parent?.Id }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Added(logger, comment.Id, pullRequest.Id, userId, severity);
        if (severity == CommentSeverity.Blocker)
        {
            await mergeInputs.PullRequestChangedAsync(pullRequest.Id, cancellationToken);
        }

        return node;
    }

    public async Task<(CommentNode Node, PullRequestTarget Target)> GetAsync(
        Principal principal, string projectKey, string slug, long number, long commentId, bool task, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var comment = await FindAsync(principal, target.PullRequest, commentId, task, tracked: false, cancellationToken);
        return (await threads.LoadAsync(comment, principal.UserId, cancellationToken), target);
    }

    /// <summary>
    /// The threads anchored on <paramref name="path"/> (Bitbucket lists comments per file; general
    /// comments are read through the activities). <paramref name="anchorState"/>: ACTIVE (default), ORPHANED or ALL.
    /// </summary>
    public async Task<(Page<CommentNode> Page, PullRequestTarget Target)> ListAsync(
        Principal principal, string projectKey, string slug, long number, string? path, string? anchorState, IReadOnlyCollection<CommentState>? states,
        bool tasks, PageRequest page, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var query = db.Comments.AsNoTracking().Where(c => c.PullRequestId == target.PullRequest.Id && c.State != CommentState.Pending);
        if (tasks)
        {
            query = query.Where(c => c.Severity == CommentSeverity.Blocker);
        }
        else
        {
            if (string.IsNullOrEmpty(path))
            {
                throw GitHostException.Invalid("Give the path of the file whose comments to list; general comments are in the activities.", "path");
            }

            query = query.Where(c => c.ParentId == null && c.Anchor != null && c.Anchor.Path == path);
            query = (anchorState?.ToUpperInvariant() ?? "ACTIVE") switch
            {
                "ACTIVE" => query.Where(c => !c.Anchor!.Orphaned),
                "ORPHANED" => query.Where(c => c.Anchor!.Orphaned),
                "ALL" => query,
                _ => throw GitHostException.Invalid($"'{anchorState}' is not an anchor state: use ACTIVE, ORPHANED or ALL.", "anchorState"),
            };
        }

        if (states is { Count: > 0 })
        {
            query = query.Where(c => states.Contains(c.State));
        }

        var found = await query.OrderBy(c => c.Id).ToPageAsync(page, cancellationToken);
        var nodes = await threads.LoadAsync(found.Values, principal.UserId, cancellationToken);
        return (new Page<CommentNode>(nodes, found.Request, found.IsLastPage), target);
    }

    /// <summary>
    /// Every published thread of a pull request with its replies, oldest first: general ones and those on
    /// files, orphaned included, capped at <paramref name="limit"/> threads (the web page's conversation).
    /// </summary>
    public async Task<IReadOnlyList<CommentNode>> ThreadsAsync(
        Principal principal, string projectKey, string slug, long number, int limit, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var roots = await db.Comments.AsNoTracking()
            .Where(c => c.PullRequestId == target.PullRequest.Id && c.ParentId == null && c.State != CommentState.Pending)
            .OrderBy(c => c.Id).Take(limit).ToListAsync(cancellationToken);
        return await threads.LoadAsync(roots, principal.UserId, cancellationToken);
    }

    /// <summary>Open and resolved tasks of a pull request (for <c>?count=true</c>).</summary>
    public async Task<(int Open, int Resolved)> CountTasksAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var counts = await db.Comments.AsNoTracking()
            .Where(c => c.PullRequestId == target.PullRequest.Id && c.Severity == CommentSeverity.Blocker && c.State != CommentState.Pending)
            .GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return (counts.Where(c => c.Key == CommentState.Open).Sum(c => c.Count), counts.Where(c => c.Key == CommentState.Resolved).Sum(c => c.Count));
    }

    public async Task<CommentNode> UpdateAsync(
        Principal principal, string projectKey, string slug, long number, long commentId, CommentInput input, bool task, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pullRequest = target.PullRequest;
        var comment = await FindAsync(principal, pullRequest, commentId, task, tracked: true, cancellationToken);
        if (input.Version is null)
        {
            throw GitHostException.Invalid("The comment's version is required: read the comment and send its version.", "version");
        }

        var isAuthor = comment.AuthorId == userId;
        var text = input.Text is null || input.Text == comment.Text ? null : CommentFailures.Text(input.Text);
        if (text is not null && !isAuthor)
        {
            throw GitHostException.NotPermitted();
        }

        var severity = ParseSeverity(input.Severity);
        var state = ParseState(input.State);
        if (state is not null && comment.State == CommentState.Pending)
        {
            throw GitHostException.Invalid("A comment of a review in progress is published with the review (PUT .../review).", "state");
        }

        var changesMore = (severity is not null && severity != comment.Severity) || (state is not null && state != comment.State)
            || (input.ThreadResolved is { } resolved && resolved != comment.ThreadResolved);
        if (changesMore && !isAuthor && userId != pullRequest.AuthorId && target.Level < Permission.RepoAdmin)
        {
            throw GitHostException.NotPermitted();
        }

        if (input.Version != comment.Version)
        {
            throw CommentFailures.StaleVersion(input.Version, comment.Version);
        }

        var previousText = comment.Text;
        var wasTask = comment.Severity == CommentSeverity.Blocker;
        var previousState = comment.State;
        var now = clock.NowMs();
        comment.Text = text ?? comment.Text;
        comment.Severity = severity ?? comment.Severity;
        if (state is { } newState && newState != comment.State)
        {
            comment.State = newState;
            comment.ResolvedDate = newState == CommentState.Resolved ? now : null;
            comment.ResolverId = newState == CommentState.Resolved ? userId : null;
        }

        if (input.ThreadResolved is { } threadResolved && threadResolved != comment.ThreadResolved)
        {
            comment.ThreadResolved = threadResolved;
            comment.ThreadResolvedDate = threadResolved ? now : null;
            comment.ThreadResolverId = threadResolved ? userId : null;
        }

        comment.Version++;
        comment.UpdatedDate = now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SaveAsync(comment, input.Version, cancellationToken);
        var node = await threads.LoadAsync(comment, principal.UserId, cancellationToken);
        if (previousState != CommentState.Pending)
        {
            await RecordAsync(principal, pullRequest, node, "EDITED", PullRequestEvents.CommentEdited,
                new Dictionary<string, object?> { ["previousComment"] = previousText, ["commentParentId"] = comment.ParentId }, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (wasTask || comment.Severity == CommentSeverity.Blocker || previousState != comment.State)
        {
            await mergeInputs.PullRequestChangedAsync(pullRequest.Id, cancellationToken);
        }

        return node;
    }

    public async Task DeleteAsync(
        Principal principal, string projectKey, string slug, long number, long commentId, int? version, bool task, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pullRequest = target.PullRequest;
        var comment = await FindAsync(principal, pullRequest, commentId, task, tracked: true, cancellationToken);
        await CommentDeletionRules.DemandDeletableAsync(db, comment, userId, target.Level, version, cancellationToken);

        var node = await threads.LoadAsync(comment, principal.UserId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CommentReactions.Where(r => r.CommentId == comment.Id).ExecuteDeleteAsync(cancellationToken);
        db.Comments.Remove(comment);
        await SaveAsync(comment, version, cancellationToken);
        if (comment.State != CommentState.Pending)
        {
            await RecordAsync(principal, pullRequest, node, "DELETED", PullRequestEvents.CommentDeleted,
                new Dictionary<string, object?> { ["commentParentId"] = comment.ParentId }, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        Log.Deleted(logger, comment.Id, pullRequest.Id, userId);
        if (comment.Severity == CommentSeverity.Blocker)
        {
            await mergeInputs.PullRequestChangedAsync(pullRequest.Id, cancellationToken);
        }
    }

    /// <summary>What the caller may do with a comment (Bitbucket's <c>permittedOperations</c>).</summary>
    public static (bool Editable, bool Deletable, bool Transitionable) Permitted(Principal principal, PullRequestTarget target, CommentEntity comment)
    {
        var isAuthor = principal.UserId == comment.AuthorId;
        var admin = target.Level >= Permission.RepoAdmin;
        return (isAuthor, isAuthor || admin, isAuthor || admin || principal.UserId == target.PullRequest.AuthorId);
    }

    /// <summary>The COMMENTED activity and the pr:comment:* event of one change, saved in the caller's transaction.</summary>
    internal async Task RecordAsync(
        Principal principal, PullRequestEntity pullRequest, CommentNode node, string commentAction, string eventKey,
        Dictionary<string, object?> extra, CancellationToken cancellationToken)
    {
        var wire = CommentWire.ToWire(node, WireUser);
        var details = new Dictionary<string, object?> { ["commentAction"] = commentAction, ["comment"] = wire };
        if (node.Comment.Anchor is { } anchor)
        {
            details["commentAnchor"] = CommentWire.Anchor(anchor);
        }

        // Deleted comments are gone: the activity keeps their last state but no longer points at the row.
        activities.Record(pullRequest, principal.UserId, PullRequestAction.Commented, details, commentAction == "DELETED" ? null : node.Comment.Id);
        var payload = new Dictionary<string, object?> { ["comment"] = wire };
        foreach (var (key, value) in extra.Where(e => e.Value is not null))
        {
            payload[key] = value;
        }

        await events.AddAsync(eventKey, principal, await views.LoadAsync(pullRequest, cancellationToken), payload, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private object WireUser(UserEntity? user, long id) =>
        user is null
            ? new Dictionary<string, object?> { ["name"] = $"former-user-{id}", ["id"] = id, ["displayName"] = "Former user", ["slug"] = $"former-user-{id}", ["active"] = false, ["type"] = "NORMAL" }
            : events.Subjects.User(user);

    /// <summary>The comment; someone else's pending (unpublished review) comment does not exist for the caller.</summary>
    private async Task<CommentEntity> FindAsync(
        Principal principal, PullRequestEntity pullRequest, long commentId, bool task, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Comments : db.Comments.AsNoTracking();
        var comment = await query.FirstOrDefaultAsync(c => c.Id == commentId && c.PullRequestId == pullRequest.Id, cancellationToken);
        return comment is null || (task && comment.Severity != CommentSeverity.Blocker) || (comment.State == CommentState.Pending && comment.AuthorId != principal.UserId)
            ? throw CommentFailures.NotFound(commentId)
            : comment;
    }

    private async Task SaveAsync(CommentEntity comment, int? given, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Comments.AsNoTracking().Where(c => c.Id == comment.Id).Select(c => (int?)c.Version).FirstOrDefaultAsync(cancellationToken);
            throw current is null ? CommentFailures.NotFound(comment.Id) : CommentFailures.StaleVersion(given, current.Value);
        }
    }

    public static CommentSeverity? ParseSeverity(string? value) => value?.ToUpperInvariant() switch
    {
        null or "" => null,
        "NORMAL" => CommentSeverity.Normal,
        "BLOCKER" => CommentSeverity.Blocker,
        _ => throw GitHostException.Invalid($"'{value}' is not a severity: use NORMAL or BLOCKER.", "severity"),
    };

    public static CommentState? ParseState(string? value) => value?.ToUpperInvariant() switch
    {
        null or "" => null,
        "OPEN" => CommentState.Open,
        "RESOLVED" => CommentState.Resolved,
        _ => throw GitHostException.Invalid($"'{value}' is not a comment state: use OPEN or RESOLVED.", "state"),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Comment {CommentId} ({Severity}) added to pull request {PullRequestId} by {UserId}")]
        public static partial void Added(ILogger logger, long commentId, long pullRequestId, long userId, CommentSeverity severity);

        [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Comment {CommentId} deleted from pull request {PullRequestId} by {UserId}")]
        public static partial void Deleted(ILogger logger, long commentId, long pullRequestId, long userId);
    }
}
