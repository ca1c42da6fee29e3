using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Testing;

namespace GitHost.Server.Tests.ReviewerGroups;

/// <summary>Paths, bodies and grants shared by the reviewer group tests.</summary>
internal static class ReviewerGroupTestApi
{
    public static string ProjectGroups(string key) => $"/rest/api/1.0/projects/{key}/settings/reviewer-groups";

    public static string RepoGroups(string key, string slug) => $"/rest/api/1.0/projects/{key}/repos/{slug}/settings/reviewer-groups";

    public static object Group(string name, string? description, params string[] users) =>
        new { name, description, users = users.Select(u => new { name = u }).ToArray() };

    public static async Task<JsonElement> CreateGroupAsync(this HttpClient client, string path, object body, CancellationToken ct) =>
        await (await client.PostAsJsonAsync(path, body, ct)).ExpectAsync(HttpStatusCode.Created, ct);

    public static async Task GrantAsync(this GitHostTestServer server, string resource, string user, string permission, CancellationToken ct)
    {
        using var admin = server.AdminClient();
        await (await admin.PutAsync($"{resource}/permissions/users?name={user}&permission={permission}", null, ct)).ExpectAsync(HttpStatusCode.NoContent, ct);
    }

    public static List<string> Names(this JsonElement users) => users.EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToList();
}
