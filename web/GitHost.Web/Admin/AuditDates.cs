using System.Globalization;
using GitHost.Core.Failures;

namespace GitHost.Web.Admin;

/// <summary>The audit filter's dates (<c>yyyy-MM-dd</c>, as a date field sends them) as epoch milliseconds, UTC, whole days.</summary>
public static class AuditDates
{
    public static long? StartOf(string? date, string name) => Parse(date, name)?.ToUnixTimeMilliseconds();

    public static long? EndOf(string? date, string name) => Parse(date, name)?.AddDays(1).ToUnixTimeMilliseconds() - 1;

    private static DateTimeOffset? Parse(string? date, string name) =>
        string.IsNullOrEmpty(date) ? null
        : DateTimeOffset.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
        : throw GitHostException.Invalid($"{name} must be a date like 2026-12-05.", name);
}
