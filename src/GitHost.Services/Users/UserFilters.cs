using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Data;
using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Users;

/// <summary>Finding users by name and by Bitbucket's case-insensitive <c>filter</c>.</summary>
public static class UserFilters
{
    /// <summary>Users whose name, display name or e-mail contains <paramref name="filter"/>, ignoring case.</summary>
    public static IQueryable<UserEntity> Matching(this IQueryable<UserEntity> users, string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return users;
        }

        // Identity stores upper-invariant copies of the name and e-mail; upper() on the display name
        // works the same on every provider (ASCII-only in SQLite, which is what names mostly are).
        var pattern = filter.Trim().ToUpperInvariant();
        return users.Where(u =>
            u.NormalizedUserName!.Contains(pattern)
            || u.DisplayName.ToUpper().Contains(pattern)
            || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(pattern)));
    }

    /// <summary>The (tracked) user with this name, ignoring case; 400 when blank, 404 when missing.</summary>
    public static async Task<UserEntity> FindByNameAsync(GitHostDbContext db, string? name, string context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GitHostException.Invalid("A user name is required.", context);
        }

        var user = UserSlug.IsValidUserName(name)
            ? await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == name.ToUpperInvariant(), cancellationToken)
            : null;
        return user ?? throw NoSuchUser(name);
    }

    public static GitHostException NoSuchUser(string name) =>
        new(FailureKind.NotFound, $"User {name} does not exist.", exceptionName: BitbucketExceptionNames.NoSuchUser);
}
