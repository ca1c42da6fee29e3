using GitHost.Data;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Git;

/// <summary>Loads the repository a live push goes to (it may have been renamed or moved since the push began; the id holds).</summary>
public sealed class PushTargets(GitHostDbContext db)
{
    public async Task<PushTarget?> LoadAsync(PushSession session, CancellationToken cancellationToken)
    {
        var row = await (from r in db.Repositories.AsNoTracking()
                         join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                         where r.Id == session.RepositoryId
                         select new RepositoryWithProject { Repository = r, Project = p })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new PushTarget(session, row);
    }
}
