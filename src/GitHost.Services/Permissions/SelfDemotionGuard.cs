using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;

namespace GitHost.Services.Permissions;

/// <summary>
/// Bitbucket refuses a grant change that would take away the caller's own right to administer
/// the project or repository ("would lower your own permission"). The change is saved inside a
/// transaction, the caller's access is recomputed from the uncommitted rows (their own grants and
/// every group they belong to), and the change is rolled back if the caller would lose admin.
/// </summary>
public sealed class SelfDemotionGuard(GitHostDbContext db, PermissionService permissions)
{
    public async Task SaveAsync(
        Principal principal, ProjectEntity project, RepositoryEntity? repository, Func<GitHostException> lowered, CancellationToken cancellationToken)
    {
        if (principal.UserId is not { } userId)
        {
            // A project or repository token has no grants of its own to lose.
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (project.OwnerId != userId && !await StillAdministersAsync(userId, project, repository, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            throw lowered();
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<bool> StillAdministersAsync(long userId, ProjectEntity project, RepositoryEntity? repository, CancellationToken cancellationToken)
    {
        var grants = await AccessGrantsLoader.LoadAsync(db, userId, cancellationToken);
        var visibility = PermissionService.VisibilityOf(project, repository);
        return repository is null
            ? EffectiveAccess.ProjectLevel(grants, true, visibility, permissions.PublicAccessEnabled) >= Permission.ProjectAdmin
            : EffectiveAccess.RepositoryLevel(grants, true, visibility, permissions.PublicAccessEnabled) >= Permission.RepoAdmin;
    }

    /// <summary>PUT that would lower the caller's own level: 403, as Bitbucket answers.</summary>
    public static GitHostException LoweredByGrant() =>
        new(FailureKind.Forbidden, "You cannot change this permission because it would lower your own permission; ask another administrator.", "permission");

    /// <summary>DELETE that would revoke the caller's own admin: 409, as Bitbucket answers.</summary>
    public static GitHostException LoweredByRevoke() =>
        new(FailureKind.Conflict, "You cannot revoke this permission because it would lower your own permission; ask another administrator.", "name");
}
