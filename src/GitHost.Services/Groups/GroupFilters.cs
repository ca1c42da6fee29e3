using GitHost.Data.Groups;

namespace GitHost.Services.Groups;

public static class GroupFilters
{
    /// <summary>Groups whose name contains <paramref name="filter"/>, ignoring case.</summary>
    public static IQueryable<GroupEntity> Matching(this IQueryable<GroupEntity> groups, string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return groups;
        }

        var pattern = filter.Trim().ToLowerInvariant();
        return groups.Where(g => g.NormalizedName.Contains(pattern));
    }
}
