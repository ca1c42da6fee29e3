using GitHost.Data;
using GitHost.Data.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Workspaces;

/// <summary>The workspace projects land in when none is named. Created at start-up by the seeder.</summary>
public sealed class DefaultWorkspace(GitHostDbContext db)
{
    public async Task<long> IdAsync(CancellationToken cancellationToken) =>
        await db.Workspaces.AsNoTracking().Where(w => w.IsDefault).Select(w => w.Id).FirstAsync(cancellationToken);

    public static WorkspaceEntity Create(long createdDate) => new()
    {
        Key = WorkspaceEntity.DefaultKey,
        Name = "Default",
        Description = "Projects not assigned to another workspace.",
        IsDefault = true,
        CreatedDate = createdDate,
    };
}
