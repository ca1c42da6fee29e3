using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Services.Audit;

namespace GitHost.Server.Audit;

/// <summary>
/// Reads the query of <c>GET /rest/auditing/1.0/events</c>. Every value is checked where it enters:
/// a bad one is a 400 whose <c>context</c> names the parameter.
/// </summary>
internal static class AuditQueryParser
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;
    private const int MaxListItems = 100;

    public static AuditQuery Parse(IQueryCollection query)
    {
        var affected = AffectedObjects(query["affectedObject"].ToString());
        return new AuditQuery(
            new AuditFilter(
                FromMs: Time(query, "from"),
                ToMs: Time(query, "to"),
                UserIds: List(query, "userIds").Select(v => Id(v, "userIds")).ToList(),
                ActorName: Text(query, "actor", 255),
                Actions: List(query, "actions").Select(Action).ToList(),
                Categories: List(query, "categories"),
                BeforeId: Cursor(query["pageCursor"].ToString())),
            Number(query, "offset", 0, 0, int.MaxValue),
            Number(query, "limit", DefaultLimit, 1, MaxLimit),
            Text(query, "project", 128),
            Text(query, "repository", 128),
            affected.ProjectId,
            affected.RepositoryId);
    }

    /// <summary>ISO 8601 (<c>2026-12-04T10:00:00Z</c>) as Atlassian documents it, or epoch milliseconds as the rest of the API uses.</summary>
    private static long? Time(IQueryCollection query, string name)
    {
        var value = query[name].ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length <= 15 && value.All(char.IsAsciiDigit))
        {
            return long.Parse(value, CultureInfo.InvariantCulture);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUnixTimeMilliseconds()
            : throw GitHostException.Invalid($"'{Shorten(value)}' is not a time: give ISO 8601 (2026-12-04T10:00:00Z) or epoch milliseconds.", name);
    }

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max)
    {
        var value = query[name].ToString().Trim();
        if (value.Length == 0)
        {
            return fallback;
        }

        return value.Length <= 10 && value.All(char.IsAsciiDigit) && long.Parse(value, CultureInfo.InvariantCulture) is var number && number >= min && number <= max
            ? (int)number
            : throw GitHostException.Invalid($"'{Shorten(value)}' is not a valid {name}: give a whole number from {min} to {max}.", name);
    }

    private static List<string> List(IQueryCollection query, string name)
    {
        var items = query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return items.Count <= MaxListItems && items.All(i => i.Length <= 255)
            ? items
            : throw GitHostException.Invalid($"{name} takes at most {MaxListItems} values of at most 255 characters.", name);
    }

    private static string? Text(IQueryCollection query, string name, int maxLength)
    {
        var value = query[name].ToString().Trim();
        return value.Length == 0 ? null
            : value.Length <= maxLength ? value
            : throw GitHostException.Invalid($"{name} is longer than {maxLength} characters.", name);
    }

    private static long Id(string value, string name) =>
        value.Length <= 18 && value.All(char.IsAsciiDigit)
            ? long.Parse(value, CultureInfo.InvariantCulture)
            : throw GitHostException.Invalid($"'{Shorten(value)}' is not a valid id in {name}.", name);

    /// <summary>An action by its stable key, its i18n key or its text; unknown actions are an error, not an empty page.</summary>
    private static string Action(string value)
    {
        var key = value.StartsWith("githost.audit.action.", StringComparison.Ordinal) ? value["githost.audit.action.".Length..] : value;
        return (AuditAction.Find(key) ?? AuditAction.All.FirstOrDefault(a => string.Equals(a.Summary, value, StringComparison.OrdinalIgnoreCase)))?.Key
            ?? throw GitHostException.Invalid($"'{Shorten(value)}' is not an audit action; actions are keys such as repository.deleted.", "actions");
    }

    /// <summary>Atlassian's cursor is <c>timestamp,id</c> of the last record seen; the id alone is enough here.</summary>
    private static long? Cursor(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var id = value[(value.LastIndexOf(',') + 1)..].Trim();
        return id.Length is > 0 and <= 18 && id.All(char.IsAsciiDigit)
            ? long.Parse(id, CultureInfo.InvariantCulture)
            : throw GitHostException.Invalid($"'{Shorten(value)}' is not a page cursor; pass pagingInfo.nextPageCursor of the previous page.", "pageCursor");
    }

    /// <summary><c>PROJECT,12</c> or <c>REPOSITORY,34</c>, several separated by semicolons; other object types are not filterable here.</summary>
    private static (long? ProjectId, long? RepositoryId) AffectedObjects(string value)
    {
        long? projectId = null, repositoryId = null;
        foreach (var item in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals("PROJECT", StringComparison.OrdinalIgnoreCase))
            {
                projectId = Id(parts[1], "affectedObject");
            }
            else if (parts.Length == 2 && parts[0].Equals("REPOSITORY", StringComparison.OrdinalIgnoreCase))
            {
                repositoryId = Id(parts[1], "affectedObject");
            }
            else
            {
                throw GitHostException.Invalid($"'{Shorten(item)}' is not an affected object; give PROJECT,id or REPOSITORY,id.", "affectedObject");
            }
        }

        return (projectId, repositoryId);
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}

/// <summary>A parsed query: the filter, the page, and the project/repository it is scoped to (by key and slug, or by id).</summary>
internal sealed record AuditQuery(
    AuditFilter Filter, int Offset, int Limit, string? ProjectKey, string? RepositorySlug, long? ProjectId, long? RepositoryId);
