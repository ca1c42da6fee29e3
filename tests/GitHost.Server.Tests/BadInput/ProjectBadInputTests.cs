using System.Net;
using System.Text;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.BadInput;

/// <summary>Hostile and malformed input to the project endpoints: a clear 4xx, and nothing written.</summary>
public sealed class ProjectBadInputTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "not json", "this is not json" },
        { "truncated", "{\"key\":\"TRUNC" },
        { "array", "[1,2,3]" },
        { "wrong type key", "{\"key\":42,\"name\":\"n\"}" },
        { "wrong type public", "{\"key\":\"WT\",\"name\":\"n\",\"public\":\"yes\"}" },
        { "missing key", "{\"name\":\"no key\"}" },
        { "empty key", "{\"key\":\"\",\"name\":\"n\"}" },
        { "traversal key", "{\"key\":\"../../etc\",\"name\":\"n\"}" },
        { "slash key", "{\"key\":\"A/B\",\"name\":\"n\"}" },
        { "nul key", "{\"key\":\"A\\u0000B\",\"name\":\"n\"}" },
        { "unicode key", "{\"key\":\"ÄBC\",\"name\":\"n\"}" },
        { "personal key", "{\"key\":\"~ADMIN2\",\"name\":\"n\"}" },
        { "long key", "{\"key\":\"" + new string('K', 129) + "\",\"name\":\"n\"}" },
        { "bidi name", "{\"key\":\"BIDI\",\"name\":\"abc\\u202Egpj.exe\"}" },
        { "zero width name", "{\"key\":\"ZW\",\"name\":\"a\\u200Bb\"}" },
        { "control name", "{\"key\":\"CTRL\",\"name\":\"a\\nb\"}" },
        { "blank name", "{\"key\":\"BLANK\",\"name\":\"   \"}" },
        { "long name", "{\"key\":\"LONG\",\"name\":\"" + new string('n', 129) + "\"}" },
        { "long description", "{\"key\":\"DESC\",\"name\":\"d\",\"description\":\"" + new string('d', 2049) + "\"}" },
        { "deep nesting", "{\"key\":\"DEEP\",\"name\":\"d\",\"x\":" + new string('[', 100) + new string(']', 100) + "}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_project_bodies_are_rejected_and_nothing_is_written(string label, string json)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        var before = await server.WithDatabaseAsync(db => Task.FromResult(db.Projects.Count()));

        using var response = await admin.PostAsync("/rest/api/1.0/projects", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        var error = await response.ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal(before, await server.WithDatabaseAsync(db => Task.FromResult(db.Projects.Count())));
        var message = error.GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.DoesNotContain("GitHost.", message);
        Assert.DoesNotContain("System.", message);
        Assert.DoesNotContain("Nullable", message);
        Assert.False(string.IsNullOrEmpty(label));
    }

    [Fact]
    public async Task Binding_errors_name_the_field_and_what_to_send()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        var limit = await (await admin.GetAsync("/rest/api/1.0/projects?limit=abc", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var wrongType = await (await admin.PostAsync("/rest/api/1.0/projects", new StringContent("{\"key\":42,\"name\":\"n\"}", Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var missingKey = await (await admin.PostAsync("/rest/api/1.0/projects", new StringContent("{\"name\":\"no key\"}", Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("limit", limit.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("'abc' is not a valid value for limit: send a whole number.", limit.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("key", wrongType.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("key", missingKey.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.StartsWith("A project key is required", missingKey.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Oversized_body_is_413_and_nothing_is_written(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var json = "{\"key\":\"HUGE\",\"name\":\"huge\",\"description\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/rest/api/1.0/projects") { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        // With Expect: 100-continue the server refuses on Content-Length alone and the body is never
        // sent; without it the client may still be writing when the server answers and closes.
        request.Headers.ExpectContinue = true;
        using var response = await admin.SendAsync(request, Ct);

        await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
        Assert.False(await server.WithDatabaseAsync(db => Task.FromResult(db.Projects.Any(p => p.Key == "HUGE"))));
    }

    [Theory]
    [InlineData("/rest/api/1.0/projects/..%2F..%2Fetc")]
    [InlineData("/rest/api/1.0/projects/A%2FB")]
    [InlineData("/rest/api/1.0/projects/" + "KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK")]
    [InlineData("/rest/api/1.0/projects/%E2%80%AEX")]
    public async Task Hostile_project_keys_in_urls_are_not_found(string path)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        using var response = await admin.GetAsync(path, Ct);

        await response.ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Fact]
    public async Task Nul_in_a_url_is_refused_by_the_server_before_routing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        using var response = await admin.GetAsync("/rest/api/1.0/projects/%00", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_paging_values_are_rejected()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        await (await admin.GetAsync("/rest/api/1.0/projects?start=-1", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync("/rest/api/1.0/projects?limit=0", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync("/rest/api/1.0/projects?limit=abc", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync("/rest/api/1.0/projects?permission=REPO_HACK", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var capped = await (await admin.GetAsync("/rest/api/1.0/projects?limit=100000", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(1000, capped.GetProperty("limit").GetInt32());
    }
}
