using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Repositories;

/// <summary>
/// Repository reads. Every list is one SQL statement: the visibility filter, the search filters, the
/// joins for project, owner and origin, and the page all run in the database.
/// </summary>
public sealed class RepositoryListing(
    GitHostDbContext db, PermissionService permissions, ProjectLookup projects, RepositoryLookup lookup, VisibleRepositoryPage visiblePage)
{
    /// <summary>The repositories of a visible project that the caller can read, by slug.</summary>
    public async Task<Page<RepositoryDetails>> InProjectAsync(Principal principal, string projectKey, PageRequest page, CancellationToken cancellationToken)
    {
        var project = await projects.FindVisibleAsync(principal, projectKey, cancellationToken);
        var projectId = project.Id;
        var visible = await ReadableAsync(principal, Permission.RepoRead, cancellationToken);
        return await visible.Where(x => x.Project.Id == projectId)
            .OrderBy(x => x.Repository.Slug)
            .ToDetailsPageAsync(db, page, cancellationToken);
    }

    /// <summary>
    /// <c>GET /repos</c>. Without <see cref="RepositorySearch.Permission"/> the implicit read level
    /// applies (public repositories included); with it, an anonymous caller gets nothing, as Bitbucket
    /// documents.
    /// </summary>
    public async Task<Page<RepositoryDetails>> SearchAsync(Principal principal, RepositorySearch search, PageRequest page, CancellationToken cancellationToken)
    {
        if (search.Permission is not null && !principal.IsAuthenticated)
        {
            return new Page<RepositoryDetails>([], page, IsLastPage: true);
        }

        if (search.IsUnfiltered
            && await RepositoryVisibility.GrantScopeAsync(permissions, principal, search.Permission ?? Permission.RepoRead, cancellationToken) is { } scope)
        {
            var rows = await visiblePage.ReadAsync(db, scope, page, cancellationToken);
            return new Page<RepositoryDetails>(await RepositoryQueries.AddDetailsAsync(db, rows.Values, cancellationToken), page, rows.IsLastPage);
        }

        var query = await ReadableAsync(principal, search.Permission ?? Permission.RepoRead, cancellationToken);
        query = search.Archived switch
        {
            ArchivedFilter.Active => query.Where(x => !x.Repository.Archived),
            ArchivedFilter.Archived => query.Where(x => x.Repository.Archived),
            _ => query,
        };

        if (Upper(search.Name) is { } name)
        {
            query = query.Where(x => x.Repository.Name.ToUpper().Contains(name));
        }

        if (Upper(search.ProjectName) is { } projectName)
        {
            query = query.Where(x => x.Project.Name.ToUpper().Contains(projectName));
        }

        if (Upper(search.ProjectKey) is { } projectKey)
        {
            query = query.Where(x => x.Project.Key == projectKey);
        }

        query = search.Visibility switch
        {
            VisibilityFilter.Public => query.Where(x => x.Repository.IsPublic || x.Project.IsPublic),
            VisibilityFilter.Private => query.Where(x => !x.Repository.IsPublic && !x.Project.IsPublic),
            _ => query,
        };

        if (search.State is { } state)
        {
            query = query.Where(x => x.Repository.State == state);
        }

        return await query.InListOrder().ToDetailsPageAsync(db, page, cancellationToken);
    }

    /// <summary>Direct forks of a repository the caller can read, limited to the forks the caller can read.</summary>
    public async Task<Page<RepositoryDetails>> ForksAsync(Principal principal, string projectKey, string slug, PageRequest page, CancellationToken cancellationToken)
    {
        var origin = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var originId = origin.Repository.Id;
        var visible = await ReadableAsync(principal, Permission.RepoRead, cancellationToken);
        return await visible.Where(x => x.Repository.OriginId == originId).InListOrder().ToDetailsPageAsync(db, page, cancellationToken);
    }

    /// <summary>The other repositories of the same hierarchy (origin, siblings, forks of forks) the caller can read.</summary>
    public async Task<Page<RepositoryDetails>> RelatedAsync(Principal principal, string projectKey, string slug, PageRequest page, CancellationToken cancellationToken)
    {
        var found = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var id = found.Repository.Id;
        var hierarchyId = found.Repository.HierarchyId;
        var visible = await ReadableAsync(principal, Permission.RepoRead, cancellationToken);
        return await visible.Where(x => x.Repository.HierarchyId == hierarchyId && x.Repository.Id != id)
            .InListOrder().ToDetailsPageAsync(db, page, cancellationToken);
    }

    public async Task<RepositoryDetails> GetAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return await DetailsAsync(found.Repository.Id, cancellationToken);
    }

    /// <summary>The current, saved state of one repository with everything its wire form needs.</summary>
    public async Task<RepositoryDetails> DetailsAsync(long repositoryId, CancellationToken cancellationToken)
    {
        var row = await (from r in db.Repositories.AsNoTracking()
                         join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                         where r.Id == repositoryId
                         select new RepositoryWithProject { Repository = r, Project = p })
            .FirstAsync(cancellationToken);
        return await DetailsAsync(row, cancellationToken);
    }

    /// <summary>Adds to a repository row already read what its wire form needs (owner, fork origin).</summary>
    public async Task<RepositoryDetails> DetailsAsync(RepositoryWithProject row, CancellationToken cancellationToken) =>
        (await RepositoryQueries.AddDetailsAsync(db, [row], cancellationToken))[0];

    private Task<IQueryable<RepositoryWithProject>> ReadableAsync(Principal principal, Permission minimum, CancellationToken cancellationToken) =>
        RepositoryVisibility.QueryAsync(db, permissions, principal, minimum, cancellationToken);

    private static string? Upper(string? filter) =>
        string.IsNullOrWhiteSpace(filter) ? null : filter.Trim().ToUpperInvariant();
}
