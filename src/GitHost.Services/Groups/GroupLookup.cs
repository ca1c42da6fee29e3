using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Data.Groups;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Groups;

/// <summary>Finds groups by name, ignoring case.</summary>
public static class GroupLookup
{
    /// <summary>The (tracked) group; 400 when the name is blank, 404 when there is no such group.</summary>
    public static async Task<GroupEntity> FindAsync(GitHostDbContext db, string? name, string context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GitHostException.Invalid("A group name is required.", context);
        }

        var normalized = name.ToLowerInvariant();
        return await db.Groups.FirstOrDefaultAsync(g => g.NormalizedName == normalized, cancellationToken) ?? throw NoSuchGroup(name);
    }

    public static GitHostException NoSuchGroup(string name) =>
        new(FailureKind.NotFound, $"Group {name} does not exist.", exceptionName: BitbucketExceptionNames.NoSuchGroup);
}
