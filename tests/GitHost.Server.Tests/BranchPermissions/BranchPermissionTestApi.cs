using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitHost.Testing;

namespace GitHost.Server.Tests.BranchPermissions;

/// <summary>Creating restrictions through <c>/rest/branch-permissions/2.0</c> as an administrator.</summary>
internal static class BranchPermissionTestApi
{
    public const string BulkJson = "application/vnd.atl.bitbucket.bulk+json";

    public static string Restrictions(string key, string? slug = null) =>
        $"/rest/branch-permissions/2.0/projects/{key}" + (slug is null ? "" : $"/repos/{slug}") + "/restrictions";

    /// <summary>A restriction body: <c>{type, matcher: {id, type: {id}}, ...exemptions}</c>.</summary>
    public static object Restriction(
        string type, string matcherType, string matcherId, string[]? users = null, string[]? groups = null, long[]? accessKeyIds = null) => new
        {
            type,
            matcher = new { id = matcherId, type = new { id = matcherType } },
            users = users ?? [],
            groups = groups ?? [],
            accessKeys = (accessKeyIds ?? []).Select(id => new { key = new { id } }).ToArray(),
        };

    /// <summary>Creates one restriction; returns its id.</summary>
    public static async Task<long> RestrictAsync(this HttpClient admin, string key, string? slug, object restriction, CancellationToken cancellationToken)
    {
        var created = await (await admin.PostAsJsonAsync(Restrictions(key, slug), restriction, cancellationToken)).ExpectAsync(HttpStatusCode.OK, cancellationToken);
        return created.GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> PostBulkAsync(this HttpClient client, string url, object body, CancellationToken cancellationToken) =>
        client.PostAsync(url, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, BulkJson), cancellationToken);
}
