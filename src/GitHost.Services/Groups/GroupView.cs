using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Groups;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Groups;

/// <summary>A group as an administrator sees it (Bitbucket's RestDetailedGroup).</summary>
public sealed record GroupView(string Name, bool Deletable)
{
    /// <summary>
    /// Pages groups ordered by name; a group is deletable by a caller who holds at least the
    /// group's global permission.
    /// </summary>
    public static async Task<Page<GroupView>> PageAsync(
        GitHostDbContext db, IQueryable<GroupEntity> groups, Permission callerLevel, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await groups.OrderBy(g => g.NormalizedName)
            .Select(g => new
            {
                g.Name,
                Level = db.GlobalGroupPermissions.Where(p => p.GroupId == g.Id).Select(p => (Permission?)p.Permission).FirstOrDefault(),
            })
            .ToPageAsync(page, cancellationToken);
        return rows.Map(r => new GroupView(r.Name, (r.Level ?? Permission.None) <= callerLevel));
    }
}
