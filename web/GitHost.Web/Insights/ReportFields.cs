using System.Globalization;
using System.Text.Json;

namespace GitHost.Web.Insights;

/// <summary>One data field of a report as the page shows it: its title, its value as text, and a link when it is one.</summary>
public sealed record ReportField(string Title, string Text, Uri? Link = null);

/// <summary>
/// A report's stored <c>data</c> array (<c>{title, type, value}</c>, checked when it was stored) as text
/// for the page: percentages with a sign, durations and dates readable, links only to http(s) addresses.
/// </summary>
public static class ReportFields
{
    public static IReadOnlyList<ReportField> Parse(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return [];
        }

        using var document = JsonDocument.Parse(data);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var fields = new List<ReportField>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && Property(item, "title") is { ValueKind: JsonValueKind.String } title && Property(item, "value") is { } value)
            {
                fields.Add(Field(title.GetString()!, Property(item, "type")?.GetString()?.ToUpperInvariant(), value));
            }
        }

        return fields;
    }

    private static ReportField Field(string title, string? type, JsonElement value) => type switch
    {
        "PERCENTAGE" => new(title, value.GetDouble().ToString("0.##", CultureInfo.InvariantCulture) + " %"),
        "DURATION" => new(title, Duration(TimeSpan.FromMilliseconds(value.GetDouble()))),
        "DATE" => new(title, DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64()).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
        "BOOLEAN" => new(title, value.GetBoolean() ? "Yes" : "No"),
        "LINK" => Link(title, value),
        _ => new(title, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()),
    };

    private static ReportField Link(string title, JsonElement value)
    {
        var href = Property(value, "href")?.GetString();
        var text = Property(value, "linktext")?.GetString() ?? href ?? "";
        return Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new(title, text, uri)
            : new(title, text);
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds} s"
        : span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static JsonElement? Property(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in item.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
