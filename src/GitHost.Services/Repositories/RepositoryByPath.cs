using GitHost.Data;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Repositories;

/// <summary>
/// The repository and its project behind a URL's project key and slug, in one statement compiled
/// once. Every repository-scoped request starts here; as two queries (project, then repository)
/// built per request it was a measured share of a pull-request page's CPU (docs/performance.md).
/// Tracked, so callers may change what it returns. Unlike <c>ProjectLookup.FindAsync</c> it does
/// not create a missing personal project (<c>~user</c>): no repository can be in one that does not
/// exist. A singleton, not a static: a compiled query keeps the executor of the first model it ran
/// against (see <see cref="VisibleRepositoryPage"/>).
/// </summary>
public sealed class RepositoryByPath
{
    private readonly Func<GitHostDbContext, string, string, CancellationToken, Task<RepositoryWithProject?>> _query =
        EF.CompileAsyncQuery((GitHostDbContext db, string projectKey, string slug, CancellationToken cancellationToken) =>
            (from p in db.Projects
             join r in db.Repositories on p.Id equals r.ProjectId
             where p.Key == projectKey && r.Slug == slug
             select new RepositoryWithProject { Repository = r, Project = p })
            .FirstOrDefault());

    /// <param name="projectKey">A parsed, normalized project key.</param>
    /// <param name="slug">A parsed, normalized repository slug.</param>
    public Task<RepositoryWithProject?> FindAsync(GitHostDbContext db, string projectKey, string slug, CancellationToken cancellationToken) =>
        _query(db, projectKey, slug, cancellationToken);
}
