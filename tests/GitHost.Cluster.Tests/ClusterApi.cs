using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Testing;

namespace GitHost.Cluster.Tests;

/// <summary>REST calls the cluster tests make, against whichever address (a node or HAProxy) they are given.</summary>
internal static class ClusterApi
{
    public const string Api = "/rest/api/1.0";

    public static async Task CreateProjectAsync(HttpClient admin, string key, CancellationToken cancellationToken) =>
        await (await admin.PostAsJsonAsync($"{Api}/projects", new { key, name = key + " project" }, cancellationToken)).ExpectAsync(HttpStatusCode.Created, cancellationToken);

    /// <returns>the repository's id.</returns>
    public static async Task<long> CreateRepositoryAsync(HttpClient admin, string key, string slug, CancellationToken cancellationToken) =>
        (await (await admin.PostAsJsonAsync($"{Api}/projects/{key}/repos", new { name = slug }, cancellationToken)).ExpectAsync(HttpStatusCode.Created, cancellationToken))
            .GetProperty("id").GetInt64();

    public static async Task CreateUserAsync(HttpClient admin, string name, CancellationToken cancellationToken) =>
        await (await admin.PostAsync(
            $"{Api}/admin/users?name={name}&displayName={name}&emailAddress={name}@example.com&password={GitHostTestServer.DefaultPassword}&addToDefaultGroup=false",
            null, cancellationToken)).ExpectAsync(HttpStatusCode.NoContent, cancellationToken);

    public static async Task GrantProjectAsync(HttpClient admin, string key, string user, string permission, CancellationToken cancellationToken) =>
        await (await admin.PutAsync($"{Api}/projects/{key}/permissions/users?name={user}&permission={permission}", null, cancellationToken))
            .ExpectAsync(HttpStatusCode.NoContent, cancellationToken);

    public static async Task<JsonElement> GetAsync(HttpClient client, string path, CancellationToken cancellationToken) =>
        await (await client.GetAsync(path, cancellationToken)).ExpectAsync(HttpStatusCode.OK, cancellationToken);

    /// <summary>Asks <paramref name="client"/> until it answers <paramref name="status"/>; returns how long that took.</summary>
    public static async Task<TimeSpan> TimeUntilAsync(HttpClient client, string path, HttpStatusCode status, TimeSpan limit, CancellationToken cancellationToken)
    {
        var (_, took) = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(path, cancellationToken);
                return response.StatusCode;
            },
            answered => answered == status, limit, answered => $"GET {path} still answered {(int)answered} (expected {(int)status})", cancellationToken, pollMs: 10);
        return took;
    }
}
