using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Git.Storage;
using GitHost.Services.GlobalPermissions;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using GitHost.Services.Audit;

namespace GitHost.Services.Users;

/// <summary>
/// <c>DELETE /admin/users?name=</c>. The user's personal project and its repositories go with
/// them; grants, group memberships and personal access tokens are removed by the database's
/// cascades. Nobody may delete themselves (409), and an ADMIN may not delete a SYS_ADMIN (403).
/// </summary>
public sealed partial class UserDeletion(
    GitHostDbContext db,
    UserManager<UserEntity> users,
    UserAdminService admin,
    GlobalLevels levels,
    PermissionService permissions,
    OutboxWriter outbox,
    AuditWriter audit,
    BareRepositoryStore store,
    ILogger<UserDeletion> logger)
{
    public async Task<AdminUserView> DeleteAsync(Principal principal, string? name, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var user = await UserFilters.FindByNameAsync(db, name, "name", cancellationToken);
        if (user.Id == principal.UserId)
        {
            throw new GitHostException(FailureKind.Conflict, "You cannot delete yourself. Ask another administrator to do it.", "name");
        }

        await admin.DemandAuthorityOverAsync(callerLevel, user, cancellationToken);
        List<long> repositoryIds;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var projects = await db.Projects.Where(p => p.OwnerId == user.Id).ToListAsync(cancellationToken);
            var projectIds = projects.Select(p => p.Id).ToList();
            var repositories = await db.Repositories.Where(r => projectIds.Contains(r.ProjectId)).ToListAsync(cancellationToken);
            repositoryIds = repositories.Select(r => r.Id).ToList();

            // Forks anywhere keep living without their origin; the key is not cascaded by the database.
            var forks = await db.Repositories.Where(r => r.OriginId != null && repositoryIds.Contains(r.OriginId.Value)).ToListAsync(cancellationToken);
            forks.ForEach(f => f.OriginId = null);
            await db.SaveChangesAsync(cancellationToken);

            db.Repositories.RemoveRange(repositories);
            db.Projects.RemoveRange(projects);
            outbox.Add("user:deleted", principal.UserId, new
            {
                user = new { name = user.UserName, user.Id },
                projects = projects.Select(p => p.Key),
                repositories = repositoryIds,
            });
            audit.Record(AuditAction.UserDeleted, AuditSubject.User(user.Id, user.UserName), before: new { name = user.UserName, projects = projects.Select(p => p.Key), repositories = repositoryIds });
            await db.SaveChangesAsync(cancellationToken);
            IdentityFailures.ThrowIfFailed(await users.DeleteAsync(user), "name");
            await transaction.CommitAsync(cancellationToken);
        }

        permissions.InvalidateGrants();
        foreach (var repositoryId in repositoryIds)
        {
            try
            {
                await store.DeleteAsync(repositoryId);
            }
            catch (IOException exception)
            {
                Log.RepositoryNotRemoved(logger, exception, repositoryId, user.Id);
            }
        }

        return new AdminUserView(user, Deletable: true);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
            Message = "Repository {RepositoryId} of deleted user {UserId} is gone from the database but its directory could not be removed")]
        public static partial void RepositoryNotRemoved(ILogger logger, Exception exception, long repositoryId, long userId);
    }
}
