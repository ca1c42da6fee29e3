using GitHost.Core.Failures;

namespace GitHost.Server.Rest;

/// <summary>Lenient parsing of query values the way Bitbucket's clients send them.</summary>
internal static class QueryValues
{
    /// <summary>Parses an enum value case-insensitively; "modification" and "MODIFICATION" are one.</summary>
    public static TEnum? Enum<TEnum>(string? value, string context)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var normalized = value.Replace("_", "", StringComparison.Ordinal);
        return System.Enum.TryParse<TEnum>(normalized, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw GitHostException.Invalid($"'{value}' is not a valid value for {context}.", context);
    }

    /// <summary>Bitbucket treats a flag given without a value (<c>?blame</c>) as true.</summary>
    public static bool Flag(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values)
        && (values.Count == 0 || values.ToString() is "" || bool.TryParse(values.ToString(), out var flag) && flag);
}
