using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Data.Workspaces;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Workspaces;

/// <summary>
/// Workspaces, a GitHost extension: top-level containers of projects with their own members.
/// Every licensed user sees them; system administrators create and delete them; a workspace's own
/// admins (and system administrators) change it and its members.
/// </summary>
public sealed class WorkspaceService(GitHostDbContext db, PermissionService permissions, OutboxWriter outbox, EpochClock clock)
{
    public async Task<Page<WorkspaceEntity>> ListAsync(Principal principal, string? name, PageRequest page, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.LicensedUser, cancellationToken);
        IQueryable<WorkspaceEntity> query = db.Workspaces.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(name))
        {
            var pattern = name.Trim().ToLowerInvariant();
            query = query.Where(w => w.Key.Contains(pattern) || w.Name.ToLower().Contains(pattern));
        }

        return await query.OrderBy(w => w.Key).ToPageAsync(page, cancellationToken);
    }

    public async Task<WorkspaceEntity> GetAsync(Principal principal, string key, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.LicensedUser, cancellationToken);
        return await FindAsync(key, cancellationToken);
    }

    public async Task<WorkspaceEntity> CreateAsync(Principal principal, CreateWorkspace command, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        var key = WorkspaceKey.Parse(command.Key).Value;
        var workspace = new WorkspaceEntity
        {
            Key = key,
            Name = ValidName(command.Name ?? command.Key),
            Description = ValidDescription(command.Description),
            CreatedDate = clock.NowMs(),
        };
        if (await db.Workspaces.AnyAsync(w => w.Key == key, cancellationToken))
        {
            throw Duplicate(key);
        }

        db.Workspaces.Add(workspace);
        outbox.Add("workspace:created", principal.UserId, new { workspace = new { workspace.Key, workspace.Name } });
        await db.SaveOrConflictAsync(ct => db.Workspaces.AnyAsync(w => w.Key == key, ct), () => Duplicate(key), cancellationToken);
        return workspace;
    }

    public async Task<WorkspaceEntity> UpdateAsync(Principal principal, string key, UpdateWorkspace command, CancellationToken cancellationToken)
    {
        var workspace = await FindManageableAsync(principal, key, cancellationToken);
        if (command.Name is not null)
        {
            workspace.Name = ValidName(command.Name);
        }

        if (command.Description is not null)
        {
            workspace.Description = ValidDescription(command.Description);
        }

        outbox.Add("workspace:modified", principal.UserId, new { workspace = new { workspace.Key, workspace.Name } });
        await db.SaveChangesAsync(cancellationToken);
        return workspace;
    }

    public async Task DeleteAsync(Principal principal, string key, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        var workspace = await FindAsync(key, cancellationToken, tracked: true);
        if (workspace.IsDefault)
        {
            throw new GitHostException(FailureKind.Conflict, "The default workspace cannot be deleted.", exceptionName: BitbucketExceptionNames.Conflict);
        }

        if (await db.Projects.AnyAsync(p => p.WorkspaceId == workspace.Id, cancellationToken))
        {
            throw new GitHostException(FailureKind.Conflict,
                $"The workspace \"{workspace.Key}\" cannot be deleted because it has projects. Move or delete them first.",
                exceptionName: BitbucketExceptionNames.Conflict);
        }

        db.Workspaces.Remove(workspace);
        outbox.Add("workspace:deleted", principal.UserId, new { workspace = new { workspace.Key, workspace.Name } });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Who belongs to a workspace: for those who manage it (ADMIN, or the workspace's own admins), as the other member calls.</summary>
    public async Task<Page<WorkspaceMember>> MembersAsync(Principal principal, string key, PageRequest page, CancellationToken cancellationToken)
    {
        var workspace = await FindManageableAsync(principal, key, cancellationToken);
        var query =
            from member in db.WorkspaceMembers.AsNoTracking()
            join user in db.Users.AsNoTracking() on member.UserId equals user.Id
            where member.WorkspaceId == workspace.Id
            orderby user.Slug
            select new WorkspaceMember(user, member.IsAdmin);
        return await query.ToPageAsync(page, cancellationToken);
    }

    /// <summary>Adds a member or changes whether the member administers the workspace.</summary>
    public async Task SetMemberAsync(Principal principal, string key, string? userName, bool isAdmin, CancellationToken cancellationToken)
    {
        var workspace = await FindManageableAsync(principal, key, cancellationToken);
        var user = await FindUserAsync(userName, cancellationToken);
        var member = await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.WorkspaceId == workspace.Id && m.UserId == user.Id, cancellationToken);
        if (member is null)
        {
            db.WorkspaceMembers.Add(new WorkspaceMemberEntity { WorkspaceId = workspace.Id, UserId = user.Id, IsAdmin = isAdmin });
        }
        else
        {
            member.IsAdmin = isAdmin;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveMemberAsync(Principal principal, string key, string? userName, CancellationToken cancellationToken)
    {
        var workspace = await FindManageableAsync(principal, key, cancellationToken);
        var user = await FindUserAsync(userName, cancellationToken);
        await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspace.Id && m.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<WorkspaceEntity> FindManageableAsync(Principal principal, string key, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.LicensedUser, cancellationToken);
        var workspace = await FindAsync(key, cancellationToken, tracked: true);
        if (await permissions.GlobalLevelAsync(principal, cancellationToken) >= Permission.Admin)
        {
            return workspace;
        }

        // Tokens are capped below ADMIN already; a workspace admin acts only with their own password or a personal token.
        var isWorkspaceAdmin = principal.UserId is { } userId
            && await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspace.Id && m.UserId == userId && m.IsAdmin, cancellationToken);
        return isWorkspaceAdmin ? workspace : throw GitHostException.NotPermitted();
    }

    private async Task<WorkspaceEntity> FindAsync(string key, CancellationToken cancellationToken, bool tracked = false)
    {
        var value = WorkspaceKey.TryParse(key, out var parsed) ? parsed.Value.Value : null;
        var query = tracked ? db.Workspaces : db.Workspaces.AsNoTracking();
        var workspace = value is null ? null : await query.FirstOrDefaultAsync(w => w.Key == value, cancellationToken);
        return workspace ?? throw new GitHostException(FailureKind.NotFound, $"Workspace {key} does not exist.", exceptionName: BitbucketExceptionNames.NoSuchEntity);
    }

    private async Task<UserEntity> FindUserAsync(string? userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw GitHostException.Invalid("The user name is required: ?name=<user>.", "name");
        }

        var slug = userName.Trim().ToLowerInvariant();
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Slug == slug, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"User {userName} does not exist.", "name", BitbucketExceptionNames.NoSuchUser);
    }

    private static GitHostException Duplicate(string key) =>
        new(FailureKind.Conflict, $"Workspace key \"{key}\" is already in use. Please choose another key.", "key", BitbucketExceptionNames.DuplicateEntity);

    private static string ValidName(string? name) =>
        RepositoryName.IsValid(name)
            ? name!.Trim()
            : throw GitHostException.Invalid("A name is required: 1 to 128 printable characters.", "name");

    private static string? ValidDescription(string? description) =>
        description is { Length: > 1024 }
            ? throw GitHostException.Invalid("The description may be at most 1024 characters.", "description")
            : description;
}
