using System.Globalization;
using System.Text.Json;
using GitHost.Data.Audit;
using GitHost.Services.Audit;

namespace GitHost.Server.Audit;

/// <summary>Turns a stored record into Atlassian's audit shapes: the REST entity and the file line.</summary>
internal static class AuditEventMapper
{
    public static RestAuditEvent ToRest(AuditEventEntity e, string? system) => new(
        e.Id,
        DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        Author(e), Type(e), AffectedObjects(e), ChangedValues(e), e.SourceIp, system, e.Node, e.Method, ExtraAttributes(e),
        e.Action, Parse(e.Before), Parse(e.After));

    public static AuditFileLine ToFileLine(AuditEventEntity e, string? system) => new(
        e.Id, AffectedObjects(e), Type(e), Author(e), ChangedValues(e), ExtraAttributes(e), e.Method, e.Node, e.SourceIp, system,
        new AuditFileTimestamp(Math.DivRem(e.Timestamp, 1000, out var ms), ms * 1_000_000), "1.0", e.Action, Parse(e.Before), Parse(e.After));

    /// <summary>Users are <c>NORMAL</c>; the system is id -1 and anonymous callers -2, as Bitbucket writes them.</summary>
    private static RestAuditAuthor Author(AuditEventEntity e) =>
        e.ActorUserId is { } userId ? new(AuditSubject.Text(userId), e.ActorName, "NORMAL")
        : e.Credential is AuditOrigin.Credentials.Token or AuditOrigin.Credentials.AccessKey ? new(e.ActorName ?? "", e.ActorName, e.Credential)
        : e.Method == AuditOrigin.SystemMethod ? new("-1", "System", "system")
        : new("-2", "Anonymous", "anonymous");

    private static RestAuditType Type(AuditEventEntity e)
    {
        var summary = AuditAction.Find(e.Action)?.Summary ?? e.Action;
        return new RestAuditType(e.Category, "githost.audit.category." + e.Category.Replace(' ', '-').ToLowerInvariant(),
            summary, "githost.audit.action." + e.Action, Area(e.Category), "BASE");
    }

    private static string Area(string category) => category switch
    {
        AuditCategory.Security => "SECURITY",
        AuditCategory.UsersAndGroups => "USER_MANAGEMENT",
        AuditCategory.Permissions => "PERMISSIONS",
        AuditCategory.EndUserActivity => "END_USER_ACTIVITY",
        AuditCategory.GlobalConfig => "GLOBAL_CONFIG_AND_ADMINISTRATION",
        _ => "LOCAL_CONFIG_AND_ADMINISTRATION",
    };

    /// <summary>The object itself, then the repository and project it sits in (Bitbucket lists them all).</summary>
    private static List<RestAuditObject> AffectedObjects(AuditEventEntity e)
    {
        var objects = new List<RestAuditObject> { new(e.ObjectId, e.ObjectName, e.ObjectType) };
        if (e.RepositoryId is { } repositoryId && e.ObjectType != "REPOSITORY")
        {
            objects.Add(new(AuditSubject.Text(repositoryId), e.RepositorySlug, "REPOSITORY"));
        }

        if (e.ProjectId is { } projectId && e.ObjectType != "PROJECT")
        {
            objects.Add(new(AuditSubject.Text(projectId), e.ProjectKey, "PROJECT"));
        }

        return objects;
    }

    /// <summary>Top-level members whose values differ between before and after.</summary>
    private static List<RestAuditChange> ChangedValues(AuditEventEntity e)
    {
        var before = Members(e.Before);
        var after = Members(e.After);
        var changes = new List<RestAuditChange>();
        foreach (var key in before.Keys.Union(after.Keys, StringComparer.Ordinal))
        {
            before.TryGetValue(key, out var from);
            after.TryGetValue(key, out var to);
            if (from != to)
            {
                changes.Add(new RestAuditChange(key, from, to));
            }
        }

        return changes;
    }

    private static List<RestAuditAttribute> ExtraAttributes(AuditEventEntity e)
    {
        var attributes = new List<RestAuditAttribute>();
        if (e.Credential is { } credential)
        {
            attributes.Add(new("credential", credential));
        }

        if (e.CredentialId is { } credentialId)
        {
            attributes.Add(new("credentialId", AuditSubject.Text(credentialId)));
        }

        if ((e.After ?? e.Before) is { } details)
        {
            attributes.Add(new("details", details));
        }

        return attributes;
    }

    private static Dictionary<string, string?> Members(string? json)
    {
        var members = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Parse(json) is { ValueKind: JsonValueKind.Object } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                members[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return members;
    }

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
