using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;

namespace GitHost.Services.Ssh;

/// <summary>
/// Access keys of a project need PROJECT_ADMIN, of a repository REPO_ADMIN, decided by the
/// permission service through the lookups: hidden is 404, anonymous 401, too low 401.
/// </summary>
public sealed class AccessKeyTargets(ProjectLookup projects, RepositoryLookup repositories)
{
    public async Task<AccessKeyTarget> ProjectAsync(Principal principal, string projectKey, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        SshKeyOwners.DemandUser(principal);
        return new AccessKeyTarget(project, null);
    }

    public async Task<AccessKeyTarget> RepositoryAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        SshKeyOwners.DemandUser(principal);
        return new AccessKeyTarget(found.Project, found.Repository);
    }
}
