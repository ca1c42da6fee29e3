using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data.SecretScanning;
using GitHost.Services.Audit;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Who manages which rules, as Bitbucket has it: global rules need ADMIN, a project's PROJECT_ADMIN,
/// a repository's REPO_ADMIN (reading them too: they describe what is looked for).
/// </summary>
public sealed class SecretRuleScopes(PermissionService permissions, ProjectLookup projects, RepositoryLookup repositories)
{
    public async Task<SecretRuleScope> AdministeredAsync(Principal principal, string? projectKey, string? slug, CancellationToken cancellationToken)
    {
        if (projectKey is null)
        {
            await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
            return SecretRuleScope.Global;
        }

        if (slug is null)
        {
            var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
            return new SecretRuleScope(SecretScanningScope.Project, project.Id, null, AuditSubject.Project(project));
        }

        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        return new SecretRuleScope(SecretScanningScope.Repository, null, repository.Repository.Id,
            AuditSubject.Repository(repository.Repository, repository.Project));
    }
}
