using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data.Pipelines;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;

namespace GitHost.Services.Pipelines;

/// <summary>Who manages a place's runners and variables: global admins for the server, project admins for a project, repository admins for a repository.</summary>
public sealed class PipelineScopeAccess(PermissionService permissions, ProjectLookup projects, RepositoryLookup repositories)
{
    public async Task<(PipelineScope Scope, long ScopeId)> DemandAdminAsync(Principal principal, PipelinePlace place, CancellationToken cancellationToken)
    {
        switch (place.Scope)
        {
            case PipelineScope.Repository:
                var repository = await repositories.FindWithLevelAsync(principal, place.ProjectKey!, place.Slug!, Permission.RepoAdmin, cancellationToken);
                return (PipelineScope.Repository, repository.Repository.Id);
            case PipelineScope.Project:
                var project = await projects.FindWithLevelAsync(principal, place.ProjectKey!, Permission.ProjectAdmin, cancellationToken);
                return (PipelineScope.Project, project.Id);
            default:
                await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
                return (PipelineScope.Server, 0);
        }
    }
}
