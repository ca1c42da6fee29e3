using GitHost.Core.Naming;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Projects;
using GitHost.Services.Common;
using GitHost.Services.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Projects;

/// <summary>Every user owns a personal project <c>~SLUG</c>, created the first time it is needed.</summary>
public sealed class PersonalProjects(GitHostDbContext db, EpochClock clock, DefaultWorkspace workspace)
{
    public async Task<ProjectEntity?> EnsureAsync(string userSlug, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Slug == userSlug, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var key = ProjectKey.Personal(user.Slug).Value;
        var project = new ProjectEntity
        {
            Key = key,
            Name = user.DisplayName.Length > 0 ? user.DisplayName : user.UserName ?? user.Slug,
            NormalizedName = key,
            Type = ProjectType.Personal,
            OwnerId = user.Id,
            WorkspaceId = await workspace.IdAsync(cancellationToken),
            DefaultPermission = Permission.None,
            CreatedDate = clock.NowMs(),
        };
        db.Projects.Add(project);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created it first.
            db.Entry(project).State = EntityState.Detached;
            return await db.Projects.FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        }

        return project;
    }
}
