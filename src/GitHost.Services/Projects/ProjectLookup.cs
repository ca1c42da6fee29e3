using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Projects;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Projects;

/// <summary>
/// Finds a project by the key in a URL and applies Bitbucket's visibility rule: what the caller
/// may not see does not exist (404), and an anonymous caller is asked to authenticate (401).
/// </summary>
public sealed class ProjectLookup(GitHostDbContext db, PermissionService permissions, PersonalProjects personalProjects)
{
    public async Task<ProjectEntity> FindVisibleAsync(Principal principal, string key, CancellationToken cancellationToken)
    {
        var project = await FindAsync(key, cancellationToken);
        if (project is null || !await permissions.CanViewProjectAsync(principal, project, cancellationToken))
        {
            throw Hidden(principal, key);
        }

        return project;
    }

    /// <summary>Finds a visible project and demands a project level on it (401 AuthorisationException otherwise).</summary>
    public async Task<ProjectEntity> FindWithLevelAsync(Principal principal, string key, Permission required, CancellationToken cancellationToken)
    {
        var project = await FindVisibleAsync(principal, key, cancellationToken);
        if (await permissions.ProjectLevelAsync(principal, project, cancellationToken) < required)
        {
            throw GitHostException.NotPermitted();
        }

        return project;
    }

    /// <summary>The project with this key, creating a user's personal project on first use.</summary>
    public async Task<ProjectEntity?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (!ProjectKey.TryParse(key, out var parsed))
        {
            return null;
        }

        var value = parsed.Value.Value;
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Key == value, cancellationToken);
        if (project is null && parsed.Value.PersonalUserSlug is { } userSlug)
        {
            project = await personalProjects.EnsureAsync(userSlug, cancellationToken);
        }

        return project;
    }

    public static GitHostException Hidden(Principal principal, string key) =>
        principal.IsAuthenticated
            ? new GitHostException(FailureKind.NotFound, $"Project {key} does not exist.", exceptionName: BitbucketExceptionNames.NoSuchProject)
            : GitHostException.HiddenFromAnonymous();
}
