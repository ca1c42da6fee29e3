using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.OpenApi;

public sealed class OpenApiDocumentTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Openapi_document_is_json_listing_the_rest_endpoints()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = server.Client();

        var response = await anonymous.GetAsync("/rest/openapi/v1.json", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(text);
        var paths = document.RootElement.GetProperty("paths");
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        Assert.True(paths.TryGetProperty("/rest/api/1.0/projects", out var projects), "projects must be listed");
        Assert.True(projects.TryGetProperty("get", out _));
        Assert.True(projects.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/rest/api/1.0/projects/{projectKey}", out _));
        Assert.True(paths.TryGetProperty("/rest/api/1.0/workspaces", out _));
        Assert.True(paths.TryGetProperty("/rest/api/1.0/admin/rate-limit/settings", out _));
        Assert.False(paths.TryGetProperty("/j_atl_security_check", out _), "the browser sign-in form is not part of the REST API");
    }

    [Fact]
    public async Task Unknown_openapi_document_is_404()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = server.Client();

        var response = await anonymous.GetAsync("/rest/openapi/v9.json", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
