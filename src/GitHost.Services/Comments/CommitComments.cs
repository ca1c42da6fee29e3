using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Comments;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Content;
using GitHost.Services.Content.Files;
using GitHost.Services.Content.Refs;
using GitHost.Services.Git;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Comments;

/// <summary>
/// Comments on a commit (<c>.../commits/{commitId}/comments</c>): general, on a file or on a line of
/// the commit's diff, with replies; the same comment model as pull requests. Anyone who can read the
/// repository comments (as Bitbucket); only the author edits; the author or a repository administrator
/// deletes a comment without replies. Each change records <c>repo:comment:added|edited|deleted</c>.
/// </summary>
public sealed partial class CommitComments(
    GitHostDbContext db,
    ContentRepositories repositories,
    PermissionService permissions,
    CommentAnchors anchors,
    CommentThreads threads,
    OutboxWriter outbox,
    IRefEventSubjects subjects,
    IPullRequestEventSubjects users,
    EpochClock clock,
    ILogger<CommitComments> logger)
{
    public const string Added = "repo:comment:added";
    public const string Edited = "repo:comment:edited";
    public const string Deleted = "repo:comment:deleted";

    public async Task<CommentNode> CreateAsync(
        Principal principal, string projectKey, string slug, string commitId, string? since, CommentInput input, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await FindTargetAsync(principal, projectKey, slug, commitId, cancellationToken);
        var text = CommentFailures.Text(input.Text);
        CommentEntity? parent = null;
        if (input.ParentId is { } parentId)
        {
            parent = await Comments(target).AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId, cancellationToken) ?? throw NotFound(parentId);
        }

        NewComment.DemandParentOrAnchor(parent, input);
        var anchor = input.Anchor is null ? null : await anchors.ResolveOnCommitAsync(principal, projectKey, slug, target.CommitId, since, input.Anchor, cancellationToken);
        var comment = NewComment.Create(target.RepositoryId, parent, userId, text, CommentSeverity.Normal, CommentState.Open, anchor, clock.NowMs());
        comment.CommitId = target.CommitId;
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        var node = await threads.LoadAsync(comment, userId, cancellationToken);
        await RecordAsync(Added, principal, target, node, new Dictionary<string, object?> { ["commentParentId"] = parent?.Id }, cancellationToken);
        Log.CommitCommentAdded(logger, comment.Id, target.CommitId, userId);
        return node;
    }

    public async Task<(CommentNode Node, CommitCommentTarget Target)> GetAsync(
        Principal principal, string projectKey, string slug, string commitId, long commentId, CancellationToken cancellationToken)
    {
        var target = await FindTargetAsync(principal, projectKey, slug, commitId, cancellationToken);
        var comment = await Comments(target).AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken) ?? throw NotFound(commentId);
        return (await threads.LoadAsync(comment, principal.UserId, cancellationToken), target);
    }

    /// <summary>
    /// The commit's threads: those anchored on <paramref name="path"/> when given, else every thread; with
    /// <paramref name="since"/> (a merge commit's parent, or the start of a range) only those made on the
    /// diff from it, as Bitbucket filters them.
    /// </summary>
    public async Task<(Page<CommentNode> Page, CommitCommentTarget Target)> ListAsync(
        Principal principal, string projectKey, string slug, string commitId, string? path, string? since, PageRequest page, CancellationToken cancellationToken)
    {
        var target = await FindTargetAsync(principal, projectKey, slug, commitId, cancellationToken);
        var query = Comments(target).AsNoTracking().Where(c => c.ParentId == null);
        if (!string.IsNullOrEmpty(path))
        {
            query = query.Where(c => c.Anchor != null && c.Anchor.Path == path);
        }

        if (!string.IsNullOrEmpty(since))
        {
            using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
            var sinceId = CommitResolver.ResolveId(repository.Git, since).Sha;
            query = query.Where(c => c.Anchor != null && c.Anchor.FromHash == sinceId);
        }

        var found = await query.OrderBy(c => c.Id).ToPageAsync(page, cancellationToken);
        var nodes = await threads.LoadAsync(found.Values, principal.UserId, cancellationToken);
        return (new Page<CommentNode>(nodes, found.Request, found.IsLastPage), target);
    }

    public async Task<CommentNode> UpdateAsync(
        Principal principal, string projectKey, string slug, string commitId, long commentId, CommentInput input, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await FindTargetAsync(principal, projectKey, slug, commitId, cancellationToken);
        var comment = await Comments(target).FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken) ?? throw NotFound(commentId);
        if (input.Version is null)
        {
            throw GitHostException.Invalid("The comment's version is required: read the comment and send its version.", "version");
        }

        var text = input.Text is null || input.Text == comment.Text ? null : CommentFailures.Text(input.Text);
        if (comment.AuthorId != userId)
        {
            throw GitHostException.NotPermitted();
        }

        if (input.Version != comment.Version)
        {
            throw CommentFailures.StaleVersion(input.Version, comment.Version);
        }

        var previousText = comment.Text;
        comment.Text = text ?? comment.Text;
        comment.Version++;
        comment.UpdatedDate = clock.NowMs();
        await SaveAsync(comment, input.Version, cancellationToken);
        var node = await threads.LoadAsync(comment, userId, cancellationToken);
        await RecordAsync(Edited, principal, target, node,
            new Dictionary<string, object?> { ["previousComment"] = previousText, ["commentParentId"] = comment.ParentId }, cancellationToken);
        return node;
    }

    public async Task DeleteAsync(
        Principal principal, string projectKey, string slug, string commitId, long commentId, int? version, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await FindTargetAsync(principal, projectKey, slug, commitId, cancellationToken);
        var comment = await Comments(target).FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken) ?? throw NotFound(commentId);
        await CommentDeletionRules.DemandDeletableAsync(db, comment, userId, target.Level, version, cancellationToken);

        var node = await threads.LoadAsync(comment, userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CommentReactions.Where(r => r.CommentId == comment.Id).ExecuteDeleteAsync(cancellationToken);
        db.Comments.Remove(comment);
        await SaveAsync(comment, version, cancellationToken);
        await RecordAsync(Deleted, principal, target, node, new Dictionary<string, object?> { ["commentParentId"] = comment.ParentId }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.CommitCommentDeleted(logger, comment.Id, target.CommitId, userId);
    }

    /// <summary>What the caller may do with a commit comment (Bitbucket's <c>permittedOperations</c>).</summary>
    public static (bool Editable, bool Deletable) Permitted(Principal principal, CommitCommentTarget target, CommentEntity comment) =>
        (principal.UserId == comment.AuthorId, principal.UserId == comment.AuthorId || target.Level >= Permission.RepoAdmin);

    /// <summary>The repository (readable by the caller) and the full id of the commit; 404 when either is missing.</summary>
    public async Task<CommitCommentTarget> FindTargetAsync(Principal principal, string projectKey, string slug, string commitId, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.ResolveId(repository.Git, commitId).Sha;
        var level = await permissions.RepositoryLevelAsync(principal, repository.Entity.Repository, repository.Entity.Project, cancellationToken);
        return new CommitCommentTarget(repository.Entity.Repository.Id, commit, level);
    }

    private IQueryable<CommentEntity> Comments(CommitCommentTarget target) =>
        db.Comments.Where(c => c.RepositoryId == target.RepositoryId && c.CommitId == target.CommitId && c.PullRequestId == null);

    private async Task RecordAsync(
        string eventKey, Principal principal, CommitCommentTarget target, CommentNode node, Dictionary<string, object?> extra, CancellationToken cancellationToken)
    {
        var payload = new Dictionary<string, object?>
        {
            ["eventKey"] = eventKey,
            ["date"] = RefsChangedRecorder.BitbucketDate(clock.NowMs()),
            ["actor"] = await subjects.ActorAsync(principal, cancellationToken),
            ["comment"] = CommentWire.ToWire(node, WireUser),
            ["repository"] = await subjects.RepositoryAsync(target.RepositoryId, cancellationToken),
            ["commit"] = target.CommitId,
        };
        foreach (var (key, value) in extra.Where(e => e.Value is not null))
        {
            payload[key] = value;
        }

        outbox.Add(eventKey, principal.UserId, payload);
        await db.SaveChangesAsync(cancellationToken);
    }

    private object WireUser(UserEntity? user, long id) =>
        user is null
            ? new Dictionary<string, object?> { ["name"] = $"former-user-{id}", ["id"] = id, ["displayName"] = "Former user", ["slug"] = $"former-user-{id}", ["active"] = false, ["type"] = "NORMAL" }
            : users.User(user);

    private async Task SaveAsync(CommentEntity comment, int? given, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Comments.AsNoTracking().Where(c => c.Id == comment.Id).Select(c => (int?)c.Version).FirstOrDefaultAsync(cancellationToken);
            throw current is null ? NotFound(comment.Id) : CommentFailures.StaleVersion(given, current.Value);
        }
    }

    private static GitHostException NotFound(long id) =>
        new(FailureKind.NotFound, $"Comment {id} does not exist on this commit.", "commentId", CommentFailures.NoSuchComment);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5210, Level = LogLevel.Information, Message = "Comment {CommentId} added to commit {CommitId} by {UserId}")]
        public static partial void CommitCommentAdded(ILogger logger, long commentId, string commitId, long userId);

        [LoggerMessage(EventId = 5211, Level = LogLevel.Information, Message = "Comment {CommentId} deleted from commit {CommitId} by {UserId}")]
        public static partial void CommitCommentDeleted(ILogger logger, long commentId, string commitId, long userId);
    }
}

/// <summary>A commit the caller may read: its repository, full id, and the caller's level on the repository.</summary>
public sealed record CommitCommentTarget(long RepositoryId, string CommitId, Permission Level);
