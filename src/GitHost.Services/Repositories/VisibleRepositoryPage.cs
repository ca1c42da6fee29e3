using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Repositories;

/// <summary>
/// The most asked list: <c>GET /repos</c> without filters, for a caller whose visibility comes from
/// grants (<see cref="GrantScope"/>). The same SQL as the general search builds, but compiled once:
/// no expression tree is built, walked and hashed per request, which measured as a real share of
/// the list's CPU and allocations (docs/performance.md).
/// A singleton, not a static: a compiled query keeps the executor of the first model it ran
/// against, and one process may hold several hosts on different databases (the tests do).
/// </summary>
public sealed class VisibleRepositoryPage
{
    private readonly Func<GitHostDbContext, List<long>, List<long>, long, bool, Permission, bool, int, int, IAsyncEnumerable<RepositoryWithProject>> Query =
        EF.CompileAsyncQuery((GitHostDbContext db, List<long> projectIds, List<long> repositoryIds, long userId, bool licensed, Permission projectMinimum, bool publicOk, int skip, int take) =>
            (from p in db.Projects.AsNoTracking()
             from r in db.Repositories.AsNoTracking()
             where r.ProjectId == p.Id
             where projectIds.Contains(p.Id)
                 || p.OwnerId == userId
                 || repositoryIds.Contains(r.Id)
                 || (licensed && p.DefaultPermission >= projectMinimum)
                 || (publicOk && (p.IsPublic || r.IsPublic))
             where !r.Archived
             orderby p.Key, r.Slug
             select new RepositoryWithProject { Repository = r, Project = p })
            .Skip(skip).Take(take));

    /// <summary>One page of active repositories in list order, fetching one row more to learn whether it is the last.</summary>
    public async Task<Page<RepositoryWithProject>> ReadAsync(GitHostDbContext db, GrantScope scope, PageRequest request, CancellationToken cancellationToken)
    {
        var rows = new List<RepositoryWithProject>(request.Limit + 1);
        await foreach (var row in Query(db, scope.ProjectIds, scope.RepositoryIds, scope.UserId, scope.Licensed, scope.ProjectMinimum, scope.PublicOk,
            request.Start, request.Limit + 1).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var isLast = rows.Count <= request.Limit;
        if (!isLast)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<RepositoryWithProject>(rows, request, isLast);
    }
}
