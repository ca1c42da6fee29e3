using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Permissions;

/// <summary>
/// Turns a principal's access into database filters, so lists page in SQL over only what the
/// caller may see, at the level asked for.
/// </summary>
public static class RepositoryVisibility
{
    /// <summary>
    /// Repositories (with their project) on which the principal has at least <paramref name="minimum"/>
    /// (a repository level).
    /// </summary>
    public static async Task<IQueryable<RepositoryWithProject>> QueryAsync(
        GitHostDbContext db, PermissionService permissions, Principal principal, Permission minimum, CancellationToken cancellationToken)
    {
        // Projects first, as a cross join filtered on the key: SQLite then walks the unique
        // (Key) and (ProjectId, Slug) indexes in list order and stops at the page's LIMIT, instead of
        // reading and sorting every repository (its planner keeps a CROSS JOIN's table order;
        // PostgreSQL plans it as the inner join it is).
        var all = from p in db.Projects.AsNoTracking()
                  from r in db.Repositories.AsNoTracking()
                  where r.ProjectId == p.Id
                  select new RepositoryWithProject { Repository = r, Project = p };

        var publicOk = permissions.PublicAccessEnabled && minimum <= Permission.RepoRead;
        var token = principal.Token;
        if (token is not null && !token.IsPersonal)
        {
            if (token.RepositoryPermission < minimum)
            {
                return all.Where(x => publicOk && (x.Project.IsPublic || x.Repository.IsPublic));
            }

            return token.RepositoryId is { } repoId
                ? all.Where(x => x.Repository.Id == repoId || (publicOk && (x.Project.IsPublic || x.Repository.IsPublic)))
                : all.Where(x => x.Project.Id == token.ProjectId || (publicOk && (x.Project.IsPublic || x.Repository.IsPublic)));
        }

        if (token is not null && token.RepositoryPermission < minimum)
        {
            return all.Where(x => publicOk && (x.Project.IsPublic || x.Repository.IsPublic));
        }

        var grants = await permissions.GrantsAsync(principal, cancellationToken);
        if (principal.IsAuthenticated && grants.Global >= Permission.Admin)
        {
            return all;
        }

        var scope = GrantScope.For(grants, principal, minimum, publicOk);
        return all.Where(x =>
            scope.ProjectIds.Contains(x.Project.Id)
            || x.Project.OwnerId == scope.UserId
            || scope.RepositoryIds.Contains(x.Repository.Id)
            || (scope.Licensed && x.Project.DefaultPermission >= scope.ProjectMinimum)
            || (scope.PublicOk && (x.Project.IsPublic || x.Repository.IsPublic)));
    }

    /// <summary>
    /// The grants that decide visibility for a caller who is neither an administrator nor limited
    /// by a token (the common case), or null when one of the other rules of
    /// <see cref="QueryAsync"/> applies. <see cref="GrantScope"/> holds them as plain values, so a
    /// compiled query can take them as parameters.
    /// </summary>
    public static async Task<GrantScope?> GrantScopeAsync(PermissionService permissions, Principal principal, Permission minimum, CancellationToken cancellationToken)
    {
        if (principal.Token is { } token && (!token.IsPersonal || token.RepositoryPermission < minimum))
        {
            return null;
        }

        var grants = await permissions.GrantsAsync(principal, cancellationToken);
        return principal.IsAuthenticated && grants.Global >= Permission.Admin
            ? null
            : GrantScope.For(grants, principal, minimum, permissions.PublicAccessEnabled && minimum <= Permission.RepoRead);
    }

    /// <summary>Whether the principal can read at least one repository of the project.</summary>
    public static async Task<bool> AnyReadableInProjectAsync(
        GitHostDbContext db, PermissionService permissions, Principal principal, ProjectEntity project, CancellationToken cancellationToken)
    {
        var query = await QueryAsync(db, permissions, principal, Permission.RepoRead, cancellationToken);
        return await query.AnyAsync(x => x.Project.Id == project.Id, cancellationToken);
    }
}
