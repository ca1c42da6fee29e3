using System.Net;
using System.Net.Http.Json;
using GitHost.Testing;

namespace GitHost.Server.Tests.Users;

/// <summary>The admin REST calls these tests make over and over, spelled once.</summary>
internal static class AdminCalls
{
    public static Task<HttpResponseMessage> CreateUserAsync(
        this HttpClient admin, string name, CancellationToken cancellationToken, string password = GitHostTestServer.DefaultPassword, string? displayName = null) =>
        admin.PostAsync(
            "/rest/api/1.0/admin/users?name=" + Uri.EscapeDataString(name)
            + "&displayName=" + Uri.EscapeDataString(displayName ?? "User " + name)
            + "&emailAddress=" + Uri.EscapeDataString(name + "@example.com")
            + "&password=" + Uri.EscapeDataString(password)
            + "&addToDefaultGroup=true&notify=false",
            null, cancellationToken);

    public static async Task CreateGroupAsync(this HttpClient admin, string name, CancellationToken cancellationToken) =>
        await (await admin.PostAsync("/rest/api/1.0/admin/groups?name=" + Uri.EscapeDataString(name), null, cancellationToken))
            .ExpectAsync(HttpStatusCode.OK, cancellationToken);

    public static async Task AddToGroupAsync(this HttpClient admin, string user, string group, CancellationToken cancellationToken) =>
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/users/add-groups", new { user, groups = new[] { group } }, cancellationToken))
            .ExpectAsync(HttpStatusCode.OK, cancellationToken);

    public static Task<HttpResponseMessage> GrantAsync(this HttpClient admin, string kind, string name, string permission, CancellationToken cancellationToken) =>
        admin.PutAsync($"/rest/api/1.0/admin/permissions/{kind}?name={Uri.EscapeDataString(name)}&permission={permission}", null, cancellationToken);

    public static Task<HttpResponseMessage> WhoAmIAsync(this HttpClient client, string slug, CancellationToken cancellationToken) =>
        client.GetAsync("/rest/api/1.0/users/" + slug, cancellationToken);
}
