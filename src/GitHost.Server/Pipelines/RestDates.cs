using System.Globalization;

namespace GitHost.Server.Pipelines;

/// <summary>Bitbucket Cloud writes dates as ISO 8601 in UTC with milliseconds (<c>2026-12-06T15:45:46.123Z</c>).</summary>
internal static class RestDates
{
    public static string? Iso(long? epochMs) => epochMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : null;
}
