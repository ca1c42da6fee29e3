using GitHost.Core.Paging;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Repositories;

/// <summary>Query shapes shared by the repository reads.</summary>
public static class RepositoryQueries
{
    /// <summary>Bitbucket's order for repository lists that span projects.</summary>
    public static IOrderedQueryable<RepositoryWithProject> InListOrder(this IQueryable<RepositoryWithProject> source) =>
        source.OrderBy(x => x.Project.Key).ThenBy(x => x.Repository.Slug);

    /// <summary>
    /// Reads one page (repositories with their projects, one statement) and adds what only some rows
    /// need: personal-project owners and fork origins. Those are fetched by id for the whole page at
    /// once, and only when the page has such rows, so a page costs one query in the common case and
    /// at most three, never one per row. Left-joining them into the page query instead made it
    /// several times slower on SQLite.
    /// </summary>
    public static async Task<Page<RepositoryDetails>> ToDetailsPageAsync(
        this IOrderedQueryable<RepositoryWithProject> ordered, GitHostDbContext db, PageRequest request, CancellationToken cancellationToken)
    {
        var page = await ordered.ToPageAsync(request, cancellationToken);
        var details = await AddDetailsAsync(db, page.Values, cancellationToken);
        return new Page<RepositoryDetails>(details, page.Request, page.IsLastPage);
    }

    public static async Task<List<RepositoryDetails>> AddDetailsAsync(
        GitHostDbContext db, IReadOnlyList<RepositoryWithProject> rows, CancellationToken cancellationToken)
    {
        var originIds = rows.Select(x => x.Repository.OriginId).OfType<long>().Distinct().ToList();
        var origins = originIds.Count == 0
            ? []
            : await (from r in db.Repositories.AsNoTracking()
                     join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                     where originIds.Contains(r.Id)
                     select new RepositoryWithProject { Repository = r, Project = p })
                .ToDictionaryAsync(x => x.Repository.Id, cancellationToken);

        var ownerIds = rows.Select(x => x.Project.OwnerId).Concat(origins.Values.Select(x => x.Project.OwnerId)).OfType<long>().Distinct().ToList();
        var owners = ownerIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
                // Only what a RestUser shows: never a password hash or security stamp.
                .Select(u => new UserEntity
                {
                    Id = u.Id, UserName = u.UserName, Slug = u.Slug, Email = u.Email,
                    DisplayName = u.DisplayName, Active = u.Active, Type = u.Type,
                })
                .ToDictionaryAsync(u => u.Id, cancellationToken);

        return rows.Select(x =>
        {
            var origin = x.Repository.OriginId is { } originId ? origins.GetValueOrDefault(originId) : null;
            return new RepositoryDetails
            {
                Repository = x.Repository,
                Project = x.Project,
                ProjectOwner = OwnerOf(x, owners),
                Origin = origin?.Repository,
                OriginProject = origin?.Project,
                OriginProjectOwner = origin is null ? null : OwnerOf(origin, owners),
            };
        }).ToList();
    }

    private static UserEntity? OwnerOf(RepositoryWithProject row, Dictionary<long, UserEntity> owners) =>
        row.Project.OwnerId is { } ownerId ? owners.GetValueOrDefault(ownerId) : null;
}
