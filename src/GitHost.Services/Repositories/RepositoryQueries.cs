using GitHost.Data;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Repositories;

/// <summary>Query shapes shared by the repository reads.</summary>
public static class RepositoryQueries
{
    /// <summary>
    /// Adds the project owner and the origin (with its project and owner) by left joins on primary
    /// keys, so a page of repositories is one SQL statement however many rows it has.
    /// </summary>
    public static IQueryable<RepositoryDetails> WithDetails(this IQueryable<RepositoryWithProject> source, GitHostDbContext db) =>
        from x in source
        from owner in db.Users.AsNoTracking().Where(u => u.Id == x.Project.OwnerId).DefaultIfEmpty()
        from origin in db.Repositories.AsNoTracking().Where(o => o.Id == x.Repository.OriginId).DefaultIfEmpty()
        from originProject in db.Projects.AsNoTracking().Where(p => p.Id == origin!.ProjectId).DefaultIfEmpty()
        from originOwner in db.Users.AsNoTracking().Where(u => u.Id == originProject!.OwnerId).DefaultIfEmpty()
        select new RepositoryDetails
        {
            Repository = x.Repository,
            Project = x.Project,
            ProjectOwner = owner,
            Origin = origin,
            OriginProject = originProject,
            OriginProjectOwner = originOwner,
        };

    /// <summary>Bitbucket's order for repository lists that span projects.</summary>
    public static IOrderedQueryable<RepositoryDetails> InListOrder(this IQueryable<RepositoryDetails> source) =>
        source.OrderBy(d => d.Project.Key).ThenBy(d => d.Repository.Slug);
}
