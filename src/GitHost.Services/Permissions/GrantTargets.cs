using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Data;
using GitHost.Data.Groups;
using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Permissions;

/// <summary>
/// Resolves the user and group names of a grant request, all of them before anything is written,
/// so one unknown name fails the whole request (404) and leaves the grants as they were.
/// </summary>
public static class GrantTargets
{
    public static async Task<List<UserEntity>> UsersAsync(GitHostDbContext db, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var wanted = Distinct(names);
        var normalized = wanted.Select(n => n.ToUpperInvariant()).ToList();
        var found = await db.Users.Where(u => normalized.Contains(u.NormalizedUserName!)).ToListAsync(cancellationToken);
        foreach (var name in wanted)
        {
            if (!UserSlug.IsValidUserName(name) || !found.Any(u => string.Equals(u.NormalizedUserName, name.ToUpperInvariant(), StringComparison.Ordinal)))
            {
                throw new GitHostException(FailureKind.NotFound, $"No user exists with the name '{name}'.", "name", BitbucketExceptionNames.NoSuchUser);
            }
        }

        return found;
    }

    public static async Task<List<GroupEntity>> GroupsAsync(GitHostDbContext db, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var wanted = Distinct(names);
        var normalized = wanted.Select(n => n.ToLowerInvariant()).ToList();
        var found = await db.Groups.Where(g => normalized.Contains(g.NormalizedName)).ToListAsync(cancellationToken);
        foreach (var name in wanted)
        {
            if (!found.Any(g => string.Equals(g.NormalizedName, name.ToLowerInvariant(), StringComparison.Ordinal)))
            {
                throw new GitHostException(FailureKind.NotFound, $"No group exists with the name '{name}'.", "name", BitbucketExceptionNames.NoSuchGroup);
            }
        }

        return found;
    }

    private static List<string> Distinct(IReadOnlyList<string>? names)
    {
        var wanted = (names ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return wanted.Count > 0
            ? wanted
            : throw GitHostException.Invalid("At least one name is required (?name=...).", "name");
    }
}
