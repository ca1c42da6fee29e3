using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Permissions;

/// <summary>
/// The one place that answers "may this principal do this here?" for every door: REST, git over
/// HTTP and SSH, the web UI and the runner API. Nothing else decides access.
/// </summary>
public sealed class PermissionService(GitHostDbContext db, AccessGrantsCache cache, IOptions<SecurityOptions> options)
{
    public bool PublicAccessEnabled => options.Value.PublicAccessEnabled;

    /// <summary>Call after any change to grants, group membership, users or deleted resources.</summary>
    public void InvalidateGrants() => cache.InvalidateAll();

    /// <summary>The grants of a user principal (personal tokens included); nobody's for anonymous and project/repository tokens.</summary>
    public async ValueTask<AccessGrants> GrantsAsync(Principal principal, CancellationToken cancellationToken) =>
        principal.UserId is { } userId
            ? await cache.GetOrLoadAsync(userId, ct => AccessGrantsLoader.LoadAsync(db, userId, ct), cancellationToken)
            : AccessGrants.Nobody;

    public async ValueTask<Permission> GlobalLevelAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId is null)
        {
            return Permission.None;
        }

        var level = (await GrantsAsync(principal, cancellationToken)).Global;
        return principal.Token is null ? level : TokenLimits.CapGlobal(level);
    }

    public async ValueTask<Permission> ProjectLevelAsync(Principal principal, ProjectEntity project, CancellationToken cancellationToken)
    {
        var visibility = VisibilityOf(project, null);
        var publicLevel = EffectiveAccess.ProjectLevel(AccessGrants.Nobody, false, visibility, PublicAccessEnabled);
        var token = principal.Token;
        if (token is null || token.IsPersonal)
        {
            var level = EffectiveAccess.ProjectLevel(await GrantsAsync(principal, cancellationToken), principal.IsAuthenticated, visibility, PublicAccessEnabled);
            level = IsOwner(principal, project) ? Permission.ProjectAdmin : level;
            return token is null ? level : Max(Min(level, token.ProjectPermission), publicLevel);
        }

        return token.ProjectId == project.Id && token.RepositoryId is null ? Max(token.ProjectPermission, publicLevel) : publicLevel;
    }

    public async ValueTask<Permission> RepositoryLevelAsync(Principal principal, RepositoryEntity repository, ProjectEntity project, CancellationToken cancellationToken)
    {
        var visibility = VisibilityOf(project, repository);
        var publicLevel = EffectiveAccess.RepositoryLevel(AccessGrants.Nobody, false, visibility, PublicAccessEnabled);
        var token = principal.Token;
        if (token is null || token.IsPersonal)
        {
            var level = EffectiveAccess.RepositoryLevel(await GrantsAsync(principal, cancellationToken), principal.IsAuthenticated, visibility, PublicAccessEnabled);
            level = IsOwner(principal, project) ? Permission.RepoAdmin : level;
            return token is null ? level : Max(Min(level, token.RepositoryPermission), publicLevel);
        }

        var matches = token.RepositoryId is { } repoId ? repoId == repository.Id : token.ProjectId == project.Id;
        return matches ? Max(token.RepositoryPermission, publicLevel) : publicLevel;
    }

    /// <summary>
    /// Whether the principal may see the project at all: a project level, or read access to any of
    /// its repositories (Bitbucket's implicit PROJECT_VIEW).
    /// </summary>
    public async ValueTask<bool> CanViewProjectAsync(Principal principal, ProjectEntity project, CancellationToken cancellationToken)
    {
        var projectLevel = await ProjectLevelAsync(principal, project, cancellationToken);
        // The repository query runs only when the project level alone does not decide.
        var viaRepository = !EffectiveAccess.CanViewProject(projectLevel, hasAnyRepositoryAccess: false)
            && await RepositoryVisibility.AnyReadableInProjectAsync(db, this, principal, project, cancellationToken);
        return EffectiveAccess.CanViewProject(projectLevel, viaRepository);
    }

    /// <summary>Fails with Bitbucket's 401 AuthorisationException (or "authentication required") unless the level is reached.</summary>
    public async ValueTask DemandGlobalAsync(Principal principal, Permission required, CancellationToken cancellationToken)
    {
        if (await GlobalLevelAsync(principal, cancellationToken) < required)
        {
            throw principal.IsAuthenticated ? GitHostException.NotPermitted() : GitHostException.AuthenticationRequired();
        }
    }

    public static ResourceVisibility VisibilityOf(ProjectEntity project, RepositoryEntity? repository) =>
        new(project.Id, project.IsPublic, project.DefaultPermission, repository?.Id, repository?.IsPublic ?? false);

    /// <summary>Users administer their own personal project.</summary>
    private static bool IsOwner(Principal principal, ProjectEntity project) =>
        project.OwnerId is { } owner && owner == principal.UserId;

    private static Permission Min(Permission a, Permission b) => a <= b ? a : b;

    private static Permission Max(Permission a, Permission b) => a >= b ? a : b;
}
