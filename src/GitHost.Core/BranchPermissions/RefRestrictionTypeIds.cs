using System.Diagnostics.CodeAnalysis;

namespace GitHost.Core.BranchPermissions;

/// <summary>The wire ids of restriction types: <c>read-only</c>, <c>no-deletes</c>, <c>fast-forward-only</c>, <c>pull-request-only</c>.</summary>
public static class RefRestrictionTypeIds
{
    public const string All = "read-only, no-deletes, fast-forward-only or pull-request-only";

    public static string ToId(RefRestrictionType type) => type switch
    {
        RefRestrictionType.ReadOnly => "read-only",
        RefRestrictionType.NoDeletes => "no-deletes",
        RefRestrictionType.FastForwardOnly => "fast-forward-only",
        RefRestrictionType.PullRequestOnly => "pull-request-only",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown restriction type."),
    };

    /// <summary>Case-insensitive, as clients send enum values in either case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? id, out RefRestrictionType type)
    {
        switch (id?.Trim().ToLowerInvariant())
        {
            case "read-only": type = RefRestrictionType.ReadOnly; return true;
            case "no-deletes": type = RefRestrictionType.NoDeletes; return true;
            case "fast-forward-only": type = RefRestrictionType.FastForwardOnly; return true;
            case "pull-request-only": type = RefRestrictionType.PullRequestOnly; return true;
            default: type = default; return false;
        }
    }
}
