using GitHost.Core.Security;
using GitHost.Data.Projects;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using GitHost.Web.Repositories;

namespace GitHost.Web.Settings;

/// <summary>
/// Where a settings page is: a project (no slug) or one of its repositories. Branch permissions,
/// default reviewers and webhooks are the same pages at both levels, as they are the same services.
/// </summary>
public sealed record SettingsPlace(ProjectEntity Project, RepositoryDetails? Repository)
{
    /// <summary>The slug the services take: null for the project's own settings.</summary>
    public string? Slug => Repository?.Repository.Slug;

    /// <summary>The address the place's settings hang under (<c>/projects/KEY</c> or <c>/projects/KEY/repos/slug</c>).</summary>
    public string Base => Repository is null ? "/projects/" + Uri.EscapeDataString(Project.Key) : RepositoryAddress.Of(Repository).Base;

    /// <summary>"project" or "repository", for the page's sentences.</summary>
    public string Noun => Repository is null ? "project" : "repository";
}

/// <summary>Finds the place a settings page names, as the viewer may see it (404 otherwise).</summary>
public sealed class SettingsPlaces(ProjectService projects, RepositoryListing repositories)
{
    public async Task<SettingsPlace> FindAsync(Principal principal, string key, string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            return new SettingsPlace(await projects.GetAsync(principal, key, cancellationToken), null);
        }

        var repository = await repositories.GetAsync(principal, key, slug, cancellationToken);
        return new SettingsPlace(repository.Project, repository);
    }
}
