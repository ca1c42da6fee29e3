using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Users;

/// <summary><c>GET /users</c> and <c>GET /users/{slug}</c>: the user directory every licensed user may read.</summary>
public sealed class UserSearch(GitHostDbContext db, PermissionService permissions, UserPermissionMatcher matcher)
{
    /// <summary>How many users are read per round trip while checking permission filters.</summary>
    private const int CheckBatch = 100;

    public async Task<Page<UserEntity>> ListAsync(Principal principal, UserQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.LicensedUser, cancellationToken);
        var users = db.Users.AsNoTracking().Where(u => u.Type == UserType.Normal).Matching(query.Filter);
        if (!string.IsNullOrWhiteSpace(query.Group))
        {
            var normalized = query.Group.Trim().ToLowerInvariant();
            users = users.Where(u => db.GroupMembers.Any(m => m.UserId == u.Id && db.Groups.Any(g => g.Id == m.GroupId && g.NormalizedName == normalized)));
        }

        if (query.Permissions.Count == 0)
        {
            return await users.OrderBy(u => u.Slug).ToPageAsync(page, cancellationToken);
        }

        var filters = new List<ResolvedPermissionFilter>();
        foreach (var filter in query.Permissions)
        {
            var resolved = await matcher.ResolveAsync(principal, filter, cancellationToken);
            filters.Add(resolved);
            users = matcher.Narrow(users, resolved);
        }

        return await PageOfMatchesAsync(users.Where(u => u.Active).OrderBy(u => u.Slug), filters, page, cancellationToken);
    }

    public async Task<UserEntity> GetAsync(Principal principal, string userSlug, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.LicensedUser, cancellationToken);
        UserEntity? user = null;
        if (UserSlug.TryParse(userSlug, out var slug))
        {
            var value = slug.Value.Value;
            user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Slug == value, cancellationToken);
        }

        return user ?? throw UserFilters.NoSuchUser(userSlug);
    }

    /// <summary>The users with these ids (those that still exist), by slug.</summary>
    public async Task<IReadOnlyList<UserEntity>> ByIdsAsync(Principal principal, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.LicensedUser, cancellationToken);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Slug).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The SQL narrowing is a superset; PermissionService has the last word on each candidate, so
    /// the list can never disagree with what the user is actually allowed to do.
    /// </summary>
    private async Task<Page<UserEntity>> PageOfMatchesAsync(
        IQueryable<UserEntity> ordered, IReadOnlyList<ResolvedPermissionFilter> filters, PageRequest page, CancellationToken cancellationToken)
    {
        var matches = new List<UserEntity>();
        var skipped = 0;
        for (var offset = 0; ; offset += CheckBatch)
        {
            var batch = await ordered.Skip(offset).Take(CheckBatch).ToListAsync(cancellationToken);
            foreach (var user in batch)
            {
                if (!await matcher.MatchesAllAsync(user, filters, cancellationToken))
                {
                    continue;
                }

                if (skipped < page.Start)
                {
                    skipped++;
                    continue;
                }

                matches.Add(user);
                if (matches.Count > page.Limit)
                {
                    matches.RemoveAt(matches.Count - 1);
                    return new Page<UserEntity>(matches, page, IsLastPage: false);
                }
            }

            if (batch.Count < CheckBatch)
            {
                return new Page<UserEntity>(matches, page, IsLastPage: true);
            }
        }
    }
}
