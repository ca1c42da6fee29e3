using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.SecretScanning;

/// <summary>The secret-scanning REST: Bitbucket's shapes at each scope, the default rules, and hostile input.</summary>
public sealed class SecretScanningRestTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Rules_are_created_read_edited_searched_and_deleted_at_each_scope(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("SSREST", "repo", Ct);
        using var admin = server.AdminClient();
        foreach (var (path, type) in new[] { ("/rest/api/1.0/secret-scanning/rules", "GLOBAL"), ("/rest/api/1.0/projects/SSREST/secret-scanning/rules", "PROJECT"), ("/rest/api/1.0/projects/SSREST/repos/repo/secret-scanning/rules", "REPOSITORY") })
        {
            var created = await admin.PostAsJsonAsync(path, new { name = "Token " + type, lineRegex = "(TKN-[a-z0-9]{20})", pathRegex = @"\.env$" }, Ct);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var rule = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
            var id = rule.GetProperty("id").GetInt64();
            Assert.Equal(type, rule.GetProperty("scope").GetProperty("type").GetString());
            Assert.Equal("BLOCK", rule.GetProperty("action").GetString());

            var edited = await admin.PutAsJsonAsync($"{path}/{id}", new { name = "Renamed " + type, lineRegex = "x", action = "WARN" }, Ct);
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            var got = JsonDocument.Parse(await admin.GetStringAsync($"{path}/{id}", Ct)).RootElement;
            Assert.Equal("Renamed " + type, got.GetProperty("name").GetString());
            Assert.Equal("WARN", got.GetProperty("action").GetString());
            Assert.False(got.TryGetProperty("pathRegex", out _));

            var page = JsonDocument.Parse(await admin.GetStringAsync($"{path}?filter=renamed&order=NAME_DESC", Ct)).RootElement;
            Assert.Contains(page.GetProperty("values").EnumerateArray(), v => v.GetProperty("id").GetInt64() == id);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{path}/{id}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{path}/{id}", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task The_default_rules_are_global_rules_admins_can_see()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        var page = JsonDocument.Parse(await admin.GetStringAsync("/rest/api/1.0/secret-scanning/rules?limit=100", Ct)).RootElement;
        var names = page.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Contains("AWS access key id", names);
        Assert.Contains("Private key (PEM or OpenSSH)", names);
        Assert.Contains("Generic secret assignment", names);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"lineRegex\":\"([a-z\"}", "lineRegex")]
    [InlineData("{\"name\":\"x\",\"pathRegex\":\"*.pem\"}", "pathRegex")]
    [InlineData("{\"name\":\"x\",\"lineRegex\":\"^(a|aa)+\\\\1$\"}", "lineRegex")]
    [InlineData("{\"name\":\"x\"}", "lineRegex")]
    [InlineData("{\"lineRegex\":\"a\"}", "name")]
    [InlineData("{\"name\":\"x\",\"lineRegex\":\"a\",\"action\":\"EXPLODE\"}", "action")]
    [InlineData("{\"name\":\"x\",\"lineRegex\":\"a\",\"minEntropy\":99}", "minEntropy")]
    public async Task Bad_rules_are_refused_naming_the_field(string body, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        var response = await admin.PostAsync("/rest/api/1.0/secret-scanning/rules", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"context\":\"{field}\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Oversized_fields_are_refused_and_a_catastrophic_pattern_the_linear_engine_runs_is_accepted()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        var longName = await admin.PostAsJsonAsync("/rest/api/1.0/secret-scanning/rules", new { name = new string('n', 256), lineRegex = "a" }, Ct);
        var longRegex = await admin.PostAsJsonAsync("/rest/api/1.0/secret-scanning/rules", new { name = "n", lineRegex = new string('a', 1025) }, Ct);
        var nested = await admin.PostAsJsonAsync("/rest/api/1.0/secret-scanning/rules", new { name = "nested", lineRegex = "(a+)+$" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longRegex.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nested.StatusCode);
        var id = JsonDocument.Parse(await nested.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetInt64();
        await admin.DeleteAsync($"/rest/api/1.0/secret-scanning/rules/{id}", Ct);
    }

    [Fact]
    public async Task Exemptions_are_listed_conflict_when_repeated_and_can_be_lifted()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("SSEXEMPT", "one", Ct);
        using var admin = server.AdminClient();
        var body = new[] { new { projectKey = "SSEXEMPT", slug = "one" } };
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/rest/api/1.0/secret-scanning/exempt", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/rest/api/1.0/secret-scanning/exempt", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/rest/api/1.0/secret-scanning/exempt", new[] { new { projectKey = "SSEXEMPT", slug = "nope" } }, Ct)).StatusCode);
        var page = JsonDocument.Parse(await admin.GetStringAsync("/rest/api/1.0/projects/SSEXEMPT/secret-scanning/exempt", Ct)).RootElement;
        Assert.Equal("one", Assert.Single(page.GetProperty("values").EnumerateArray()).GetProperty("slug").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/rest/api/1.0/projects/SSEXEMPT/repos/one/secret-scanning/exempt", Ct)).StatusCode);
        Assert.Equal("false", await admin.GetStringAsync("/rest/api/1.0/projects/SSEXEMPT/repos/one/secret-scanning/exempt", Ct));
    }
}
