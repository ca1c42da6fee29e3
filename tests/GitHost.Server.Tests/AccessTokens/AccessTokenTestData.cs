using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Testing;

namespace GitHost.Server.Tests.AccessTokens;

internal static class AccessTokenTestData
{
    public const string Tokens = "/rest/access-tokens/1.0";

    /// <summary>Creates a token through REST and returns its JSON (with the raw <c>token</c>).</summary>
    public static async Task<JsonElement> CreateTokenAsync(
        this HttpClient client, string ownerPath, string[] permissions, CancellationToken cancellationToken, int? expiryDays = null)
    {
        var response = await client.PutAsJsonAsync($"{Tokens}/{ownerPath}", new { name = "ci token", permissions, expiryDays }, cancellationToken);
        return await response.ExpectAsync(HttpStatusCode.OK, cancellationToken);
    }

    public static string Raw(this JsonElement created) => created.GetProperty("token").GetString()!;

    public static string Id(this JsonElement created) => created.GetProperty("id").GetString()!;

    /// <summary>An HTTP client sending Basic with a user name and a token as the password.</summary>
    public static HttpClient BasicTokenClient(this GitHostTestServer server, string user, string token) => server.Client(user, token);
}
