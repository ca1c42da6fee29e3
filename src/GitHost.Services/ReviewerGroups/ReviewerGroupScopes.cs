using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;

namespace GitHost.Services.ReviewerGroups;

/// <summary>
/// Who may do what with reviewer groups, as Bitbucket has it: readers of the project or repository
/// list and get them, PROJECT_ADMIN (project scope) or REPO_ADMIN (repository scope) change them.
/// </summary>
public sealed class ReviewerGroupScopes(ProjectLookup projects, RepositoryLookup repositories)
{
    public async Task<ReviewerGroupScope> ReadableAsync(Principal principal, string projectKey, string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            return new ReviewerGroupScope(await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectRead, cancellationToken), null);
        }

        var found = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return new ReviewerGroupScope(found.Project, found.Repository);
    }

    public async Task<ReviewerGroupScope> AdministeredAsync(Principal principal, string projectKey, string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            return new ReviewerGroupScope(await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken), null);
        }

        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        return new ReviewerGroupScope(found.Project, found.Repository);
    }
}
