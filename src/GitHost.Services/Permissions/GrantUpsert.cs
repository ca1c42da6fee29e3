using GitHost.Core.Permissions;
using GitHost.Data.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Permissions;

/// <summary>
/// Sets one permission for several principals on one resource: rows that exist are updated,
/// missing ones added. The caller loads the existing rows and saves.
/// </summary>
internal static class GrantUpsert
{
    public static void Apply<TGrant>(
        DbSet<TGrant> grants,
        IReadOnlyList<TGrant> existing,
        Func<TGrant, long> principalOf,
        IEnumerable<long> principalIds,
        Func<long, TGrant> create,
        Permission permission)
        where TGrant : class, IPermissionGrant
    {
        foreach (var principalId in principalIds)
        {
            var grant = existing.FirstOrDefault(g => principalOf(g) == principalId);
            if (grant is null)
            {
                grant = create(principalId);
                grants.Add(grant);
            }

            grant.Permission = permission;
        }
    }
}
