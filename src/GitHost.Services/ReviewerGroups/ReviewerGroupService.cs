using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.ReviewerGroups;
using GitHost.Data.Users;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.ReviewerGroups;

/// <summary>
/// Reviewer groups of a project or repository (<c>.../settings/reviewer-groups</c>): readers list and
/// get them (a repository's include its project's), administrators of the scope create, change and
/// delete them; names are unique per scope.
/// </summary>
public sealed partial class ReviewerGroupService(
    GitHostDbContext db, ReviewerGroupScopes scopes, ReviewerGroupMembers members, AuditWriter audit, ILogger<ReviewerGroupService> logger)
{
    public async Task<Page<ReviewerGroup>> ListAsync(Principal principal, string projectKey, string? slug, PageRequest page, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReadableAsync(principal, projectKey, slug, cancellationToken);
        // The repository's own groups first (ScopeType Repository > Project), then by name.
        var groups = await scope.Visible(db.ReviewerGroups.AsNoTracking().Include(g => g.Users))
            .OrderByDescending(g => g.ScopeType).ThenBy(g => g.Name).ThenBy(g => g.Id)
            .ToPageAsync(page, cancellationToken);
        var users = await UsersAsync(groups.Values.SelectMany(g => g.Users).Select(u => u.UserId), cancellationToken);
        return groups.Map(g => View(g, users));
    }

    public async Task<ReviewerGroup> GetAsync(Principal principal, string projectKey, string? slug, long id, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReadableAsync(principal, projectKey, slug, cancellationToken);
        return await ViewAsync(await FindAsync(scope.Visible(db.ReviewerGroups.AsNoTracking().Include(g => g.Users)), id, cancellationToken), cancellationToken);
    }

    /// <summary>The users of a group who can read the repository (Bitbucket's <c>.../reviewer-groups/{id}/users</c>).</summary>
    public async Task<IReadOnlyList<UserEntity>> ReviewersAsync(Principal principal, string projectKey, string slug, long id, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReadableAsync(principal, projectKey, slug, cancellationToken);
        var group = await ViewAsync(await FindAsync(scope.Visible(db.ReviewerGroups.AsNoTracking().Include(g => g.Users)), id, cancellationToken), cancellationToken);
        return await members.ReviewersAsync(scope, group.Users, cancellationToken);
    }

    public async Task<ReviewerGroup> CreateAsync(Principal principal, string projectKey, string? slug, ReviewerGroupInput input, CancellationToken cancellationToken)
    {
        var scope = await scopes.AdministeredAsync(principal, projectKey, slug, cancellationToken);
        var name = input.ValidName(required: true)!;
        var description = input.ValidDescription();
        var users = await members.ResolveAsync(scope, input.ValidUsers() ?? [], cancellationToken);
        await DemandUniqueAsync(scope, name, null, cancellationToken);
        var entity = new ReviewerGroupEntity
        {
            ScopeType = scope.Type,
            ScopeId = scope.ScopeId,
            ProjectId = scope.Project.Id,
            RepositoryId = scope.Repository?.Id,
            Name = name,
            Description = string.IsNullOrEmpty(description) ? null : description,
            Users = users.Select(u => new ReviewerGroupUserEntity { UserId = u.Id }).ToList(),
        };
        // The record names the group's id, which exists only after the insert: two saves, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ReviewerGroups.Add(entity);
        await SaveAsync(scope, entity, cancellationToken);
        audit.Record(AuditAction.ReviewerGroupCreated, scope.Audit(entity), after: AuditState(entity, users));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.GroupSaved(logger, entity.Id, scope.Type.ToString(), scope.ScopeId, principal.UserId);
        return new ReviewerGroup(entity, Ordered(users));
    }

    public async Task<ReviewerGroup> UpdateAsync(
        Principal principal, string projectKey, string? slug, long id, ReviewerGroupInput input, CancellationToken cancellationToken)
    {
        var scope = await scopes.AdministeredAsync(principal, projectKey, slug, cancellationToken);
        var entity = await FindAsync(scope.Own(db.ReviewerGroups.Include(g => g.Users)), id, cancellationToken);
        var before = await ViewAsync(entity, cancellationToken);
        var beforeState = AuditState(entity, before.Users);
        var name = input.ValidName(required: false);
        var description = input.ValidDescription();
        var references = input.ValidUsers();
        var users = references is null ? before.Users : await members.ResolveAsync(scope, references, cancellationToken);
        if (name is not null && name != entity.Name)
        {
            await DemandUniqueAsync(scope, name, entity.Id, cancellationToken);
            entity.Name = name;
        }

        if (description is not null)
        {
            entity.Description = description.Length == 0 ? null : description;
        }

        if (references is not null)
        {
            entity.Users.RemoveAll(u => users.All(k => k.Id != u.UserId));
            entity.Users.AddRange(users.Where(u => entity.Users.All(k => k.UserId != u.Id)).Select(u => new ReviewerGroupUserEntity { GroupId = entity.Id, UserId = u.Id }));
        }

        audit.Record(AuditAction.ReviewerGroupModified, scope.Audit(entity), beforeState, AuditState(entity, users));
        await SaveAsync(scope, entity, cancellationToken);
        Log.GroupSaved(logger, entity.Id, scope.Type.ToString(), scope.ScopeId, principal.UserId);
        return new ReviewerGroup(entity, Ordered(users));
    }

    public async Task DeleteAsync(Principal principal, string projectKey, string? slug, long id, CancellationToken cancellationToken)
    {
        var scope = await scopes.AdministeredAsync(principal, projectKey, slug, cancellationToken);
        var entity = await FindAsync(scope.Own(db.ReviewerGroups.Include(g => g.Users)), id, cancellationToken);
        var before = await ViewAsync(entity, cancellationToken);
        db.ReviewerGroups.Remove(entity);
        audit.Record(AuditAction.ReviewerGroupDeleted, scope.Audit(entity), before: AuditState(entity, before.Users));
        await db.SaveChangesAsync(cancellationToken);
        Log.GroupDeleted(logger, id, scope.Type.ToString(), scope.ScopeId, principal.UserId);
    }

    private static object AuditState(ReviewerGroupEntity group, IEnumerable<UserEntity> users) => new
    {
        group.Name, group.Description, users = users.Select(u => u.UserName).Order(StringComparer.Ordinal).ToList(),
    };

    private async Task DemandUniqueAsync(ReviewerGroupScope scope, string name, long? except, CancellationToken cancellationToken)
    {
        if (await scope.Own(db.ReviewerGroups).AnyAsync(g => g.Name == name && g.Id != except, cancellationToken))
        {
            throw Duplicate(name);
        }
    }

    /// <summary>Two writers racing for one name meet at the unique index; the loser gets the same 409.</summary>
    private Task SaveAsync(ReviewerGroupScope scope, ReviewerGroupEntity entity, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(
            ct => scope.Own(db.ReviewerGroups.AsNoTracking()).AnyAsync(g => g.Name == entity.Name && g.Id != entity.Id, ct),
            () => Duplicate(entity.Name), cancellationToken);

    private static GitHostException Duplicate(string name) =>
        new(FailureKind.Conflict, $"A reviewer group named \"{name}\" already exists here; choose another name.", "name", BitbucketExceptionNames.DuplicateEntity);

    private static async Task<ReviewerGroupEntity> FindAsync(IQueryable<ReviewerGroupEntity> groups, long id, CancellationToken cancellationToken) =>
        await groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken)
        ?? throw new GitHostException(FailureKind.NotFound, $"No reviewer group with id {id} exists here.", exceptionName: BitbucketExceptionNames.NoSuchEntity);

    /// <summary>One group with its users; the group must have been read with them (<c>Include(g => g.Users)</c>).</summary>
    private async Task<ReviewerGroup> ViewAsync(ReviewerGroupEntity group, CancellationToken cancellationToken) =>
        View(group, await UsersAsync(group.Users.Select(u => u.UserId), cancellationToken));

    private ReviewerGroup View(ReviewerGroupEntity group, IReadOnlyDictionary<long, UserEntity> users) =>
        new(group, Ordered(group.Users.Where(u => users.ContainsKey(u.UserId)).Select(u => users[u.UserId])));

    private async Task<Dictionary<long, UserEntity>> UsersAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => distinct.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
    }

    private static IReadOnlyList<UserEntity> Ordered(IEnumerable<UserEntity> users) => users.OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();

    private static partial class Log
    {
        [LoggerMessage(EventId = 6700, Level = LogLevel.Information, Message = "Reviewer group {GroupId} saved at {Scope} {ScopeId} by {UserId}")]
        public static partial void GroupSaved(ILogger logger, long groupId, string scope, long scopeId, long? userId);

        [LoggerMessage(EventId = 6701, Level = LogLevel.Information, Message = "Reviewer group {GroupId} deleted at {Scope} {ScopeId} by {UserId}")]
        public static partial void GroupDeleted(ILogger logger, long groupId, string scope, long scopeId, long? userId);
    }
}
