using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Permissions;
using GitHost.Data.Projects;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using GitHost.Services.Workspaces;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.Projects;

/// <summary>Listing, creating, changing and deleting projects.</summary>
public sealed class ProjectService(
    GitHostDbContext db,
    PermissionService permissions,
    ProjectLookup lookup,
    DefaultWorkspace defaultWorkspace,
    OutboxWriter outbox,
    AuditWriter audit,
    EpochClock clock)
{
    /// <summary>
    /// Projects the caller can see (or holds <paramref name="permission"/> on), ordered by key.
    /// Personal projects are not listed, as in Bitbucket.
    /// </summary>
    public async Task<Page<ProjectEntity>> ListAsync(
        Principal principal, string? name, Permission? permission, PageRequest page, CancellationToken cancellationToken)
    {
        var minimumRepoLevel = permission is { } p ? PermissionScopes.ToRepositoryLevel(p) : Permission.RepoRead;
        var projectMinimum = permission ?? Permission.ProjectRead;
        var grants = await permissions.GrantsAsync(principal, cancellationToken);
        var viaRepositories = (await RepositoryVisibility.QueryAsync(db, permissions, principal, minimumRepoLevel, cancellationToken))
            .Select(x => x.Project.Id);

        IQueryable<ProjectEntity> query = db.Projects.AsNoTracking().Where(p => p.Type == ProjectType.Normal);
        var isAdmin = principal.UserId is not null && grants.Global >= Permission.Admin
            && (principal.Token is null || principal.Token.ProjectPermission >= projectMinimum);
        if (!isAdmin)
        {
            var projectIds = principal.Token is { IsPersonal: false } token
                ? (token.RepositoryId is null && token.ProjectPermission >= projectMinimum ? [token.ProjectId!.Value] : [])
                : grants.Projects.Where(g => g.Value >= projectMinimum && (principal.Token is null || principal.Token.ProjectPermission >= projectMinimum)).Select(g => g.Key).ToList();
            var licensed = principal.Token is null && principal.UserId is not null;
            var publicOk = permissions.PublicAccessEnabled && projectMinimum <= Permission.ProjectRead;
            query = query.Where(p =>
                projectIds.Contains(p.Id)
                || (licensed && p.DefaultPermission >= projectMinimum)
                || (publicOk && p.IsPublic)
                || (permission == null && viaRepositories.Contains(p.Id)));
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var pattern = name.Trim().ToUpperInvariant();
            query = query.Where(p => p.NormalizedName.Contains(pattern));
        }

        return await query.OrderBy(p => p.Key).ToPageAsync(page, cancellationToken);
    }

    public Task<ProjectEntity> GetAsync(Principal principal, string key, CancellationToken cancellationToken) =>
        lookup.FindVisibleAsync(principal, key, cancellationToken);

    public async Task<ProjectEntity> CreateAsync(Principal principal, CreateProject command, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.ProjectCreate, cancellationToken);
        var key = ProjectKey.Parse(command.Key);
        if (key.IsPersonal)
        {
            throw GitHostException.Invalid("Personal project keys (~USER) cannot be created directly.", "key");
        }

        var name = ValidName(command.Name ?? command.Key);
        var normalizedName = name.ToUpperInvariant();
        await EnsureUniqueAsync(key.Value, normalizedName, exceptId: null, cancellationToken);

        var project = new ProjectEntity
        {
            Key = key.Value,
            Name = name,
            NormalizedName = normalizedName,
            Description = ValidDescription(command.Description),
            IsPublic = command.IsPublic ?? false,
            Type = ProjectType.Normal,
            WorkspaceId = await WorkspaceIdAsync(command.WorkspaceKey, cancellationToken),
            CreatedDate = clock.NowMs(),
        };
        // The project's id exists only after its insert, and its creator's grant needs it: two saves,
        // one transaction, so the project never exists without the grant.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Projects.Add(project);
        outbox.Add("project:created", principal.UserId, new { project = new { project.Key, project.Name } });
        audit.Record(AuditAction.ProjectCreated, AuditSubject.Project(project), after: new { project.Key, project.Name, project.IsPublic });
        await db.SaveOrConflictAsync(
            ct => db.Projects.AnyAsync(p => p.Key == project.Key || p.NormalizedName == normalizedName, ct),
            () => Duplicate(key.Value), cancellationToken);
        if (principal.UserId is { } creatorId && await permissions.GlobalLevelAsync(principal, cancellationToken) < Permission.Admin)
        {
            // As in Bitbucket, whoever creates a project administers it. Global admins administer every
            // project already; a grant for them would only clutter the project's permission list.
            db.ProjectUserPermissions.Add(new ProjectUserPermissionEntity { ProjectId = project.Id, UserId = creatorId, Permission = Permission.ProjectAdmin });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        permissions.InvalidateGrants();
        return project;
    }

    /// <summary>Returns the project and whether its key changed (Bitbucket answers 201 then).</summary>
    public async Task<(ProjectEntity Project, bool KeyChanged)> UpdateAsync(
        Principal principal, string key, UpdateProject command, CancellationToken cancellationToken)
    {
        var project = await lookup.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var oldKey = project.Key;
        var before = new { project.Id, project.Key, project.Name, project.Description, project.IsPublic };
        if (command.Key is not null && !string.Equals(command.Key, project.Key, StringComparison.OrdinalIgnoreCase))
        {
            if (project.Type == ProjectType.Personal)
            {
                throw GitHostException.Invalid("The key of a personal project cannot be changed.", "key");
            }

            var newKey = ProjectKey.Parse(command.Key);
            if (newKey.IsPersonal)
            {
                throw GitHostException.Invalid("Personal project keys (~USER) cannot be assigned.", "key");
            }

            project.Key = newKey.Value;
        }

        if (command.Name is not null)
        {
            project.Name = ValidName(command.Name);
            project.NormalizedName = project.Type == ProjectType.Personal ? project.Key : project.Name.ToUpperInvariant();
        }

        if (command.Description is not null)
        {
            project.Description = ValidDescription(command.Description);
        }

        if (command.IsPublic is { } isPublic)
        {
            project.IsPublic = isPublic;
        }

        await EnsureUniqueAsync(project.Key, project.NormalizedName, project.Id, cancellationToken);
        // Both sides as they are now: a webhook shaped after later changes still shows this change.
        var after = new { project.Id, project.Key, project.Name, project.Description, project.IsPublic };
        outbox.Add("project:modified", principal.UserId, new { old = before, @new = after });
        audit.Record(AuditAction.ProjectModified, AuditSubject.Project(project), before, after);
        await db.SaveOrConflictAsync(
            ct => db.Projects.AnyAsync(p => p.Id != project.Id && (p.Key == project.Key || p.NormalizedName == project.NormalizedName), ct),
            () => Duplicate(project.Key), cancellationToken);
        return (project, oldKey != project.Key);
    }

    public async Task DeleteAsync(Principal principal, string key, CancellationToken cancellationToken)
    {
        var project = await lookup.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        if (await db.Repositories.AnyAsync(r => r.ProjectId == project.Id, cancellationToken))
        {
            throw new GitHostException(FailureKind.Conflict,
                $"The project \"{project.Key}\" cannot be deleted because it has repositories.",
                exceptionName: BitbucketExceptionNames.ProjectHasRepositories);
        }

        db.Projects.Remove(project);
        outbox.Add("project:deleted", principal.UserId, new { project = new { project.Key, project.Name } });
        audit.Record(AuditAction.ProjectDeleted, AuditSubject.Project(project), before: new { project.Key, project.Name });
        await db.SaveChangesAsync(cancellationToken);
        permissions.InvalidateGrants();
    }

    private async Task EnsureUniqueAsync(string key, string normalizedName, long? exceptId, CancellationToken cancellationToken)
    {
        var clash = await db.Projects.AsNoTracking()
            .Where(p => p.Id != exceptId && (p.Key == key || p.NormalizedName == normalizedName))
            .Select(p => new { p.Key })
            .FirstOrDefaultAsync(cancellationToken);
        if (clash is not null)
        {
            throw clash.Key == key ? Duplicate(key) : new GitHostException(FailureKind.Conflict,
                "Project names must be unique. Please choose another name.", "name", BitbucketExceptionNames.DuplicateProject);
        }
    }

    private async Task<long> WorkspaceIdAsync(string? workspaceKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(workspaceKey))
        {
            return await defaultWorkspace.IdAsync(cancellationToken);
        }

        var key = workspaceKey.Trim().ToLowerInvariant();
        var id = await db.Workspaces.AsNoTracking().Where(w => w.Key == key).Select(w => (long?)w.Id).FirstOrDefaultAsync(cancellationToken);
        return id ?? throw GitHostException.Invalid($"Workspace '{workspaceKey}' does not exist.", "workspace");
    }

    private static GitHostException Duplicate(string key) =>
        new(FailureKind.Conflict, $"Project key \"{key}\" is already in use. Please choose another key.", "key", BitbucketExceptionNames.DuplicateProject);

    internal static string ValidName(string? name) =>
        RepositoryName.IsValid(name)
            ? name!.Trim()
            : throw GitHostException.Invalid("A name is required: 1 to 128 printable characters.", "name");

    internal static string? ValidDescription(string? description)
    {
        if (description is null)
        {
            return null;
        }

        if (description.Length > 2048)
        {
            throw GitHostException.Invalid("The description may be at most 2048 characters.", "description");
        }

        return description;
    }
}
