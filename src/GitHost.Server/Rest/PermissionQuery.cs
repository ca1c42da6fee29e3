using GitHost.Core.Failures;

namespace GitHost.Server.Rest;

/// <summary>Query values of the permission endpoints.</summary>
internal static class PermissionQuery
{
    /// <summary><c>?allow=true|false</c>, case-insensitive and required.</summary>
    public static bool Allow(string? allow) =>
        bool.TryParse(allow?.Trim(), out var value)
            ? value
            : throw GitHostException.Invalid("allow must be true or false.", "allow");
}
