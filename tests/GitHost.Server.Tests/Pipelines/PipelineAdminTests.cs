using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>Runners and variables are managed by the admins of their place; secured values never come back; the runner API refuses what is not a runner.</summary>
public sealed class PipelineAdminTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Variables_are_created_listed_updated_and_deleted_and_a_secured_value_never_comes_back()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("PVA", "vars", Ct);
        using var admin = server.AdminClient();
        var api = "/rest/pipelines/1.0/projects/PVA/repos/vars/variables";

        var plain = await (await admin.PostAsJsonAsync(api, new { key = "REGION", value = "eu-west-1" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var secret = await (await admin.PostAsJsonAsync(api, new { key = "DEPLOY_KEY", value = "very-secret-1", secured = true }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var listed = await (await admin.GetAsync(api, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var raw = await (await admin.GetAsync(api, Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Equal("eu-west-1", plain.GetProperty("value").GetString());
        Assert.True(secret.GetProperty("secured").GetBoolean());
        Assert.False(secret.TryGetProperty("value", out _));
        Assert.Equal(["DEPLOY_KEY", "REGION"], listed.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        Assert.DoesNotContain("very-secret-1", raw);
        var stored = await server.WithDatabaseAsync(db => Task.FromResult(db.PipelineVariables.Single(v => v.Key == "DEPLOY_KEY").Value));
        Assert.DoesNotContain("very-secret-1", stored);

        var secretUuid = Uri.EscapeDataString(secret.GetProperty("uuid").GetString()!);
        await (await admin.PutAsJsonAsync($"{api}/{secretUuid}", new { secured = false }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var updated = await (await admin.PutAsJsonAsync($"{api}/{Uri.EscapeDataString(plain.GetProperty("uuid").GetString()!)}", new { value = "us-east-2", secured = true }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.True(updated.GetProperty("secured").GetBoolean());
        Assert.False(updated.TryGetProperty("value", out _));
        await (await admin.PostAsJsonAsync(api, new { key = "REGION", value = "again" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.DeleteAsync($"{api}/{secretUuid}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.DeleteAsync($"{api}/{secretUuid}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [InlineData("{\"key\":\"1BAD\",\"value\":\"x\"}", "key")]
    [InlineData("{\"key\":\"BITBUCKET_COMMIT\",\"value\":\"x\"}", "key")]
    [InlineData("{\"key\":\"has space\",\"value\":\"x\"}", "key")]
    [InlineData("{\"key\":\"NO_VALUE\"}", "value")]
    public async Task Bad_variables_are_refused_naming_the_field(string json, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var slug = "bad-vars-" + Guid.NewGuid().ToString("N")[..6];
        await server.CreateRepositoryAsync("PVB", slug, Ct);
        using var admin = server.AdminClient();

        var error = await (await admin.PostAsync($"/rest/pipelines/1.0/projects/PVB/repos/{slug}/variables", new StringContent(json, Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Fact]
    public async Task Only_the_admins_of_a_place_manage_its_runners_and_variables()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("PVM", "matrix", Ct);
        foreach (var (user, permission) in new[] { ("pvm-reader", "REPO_READ"), ("pvm-writer", "REPO_WRITE"), ("pvm-admin", "REPO_ADMIN") })
        {
            await server.CreateUserAsync(user, Ct);
            await server.GrantRepositoryAsync("PVM", "matrix", user, permission, Ct);
        }

        await server.CreateUserAsync("pvm-outsider", Ct);
        using var anonymous = server.Client();
        using var outsider = server.Client("pvm-outsider");
        using var reader = server.Client("pvm-reader");
        using var writer = server.Client("pvm-writer");
        using var repoAdmin = server.Client("pvm-admin");
        using var admin = server.AdminClient();

        foreach (var what in new[] { "runners", "variables" })
        {
            var repoUrl = $"/rest/pipelines/1.0/projects/PVM/repos/matrix/{what}";
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(repoUrl, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(repoUrl, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync(repoUrl, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await writer.GetAsync(repoUrl, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await repoAdmin.GetAsync(repoUrl, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await repoAdmin.GetAsync($"/rest/pipelines/1.0/projects/PVM/{what}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await repoAdmin.GetAsync($"/rest/pipelines/1.0/{what}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/rest/pipelines/1.0/projects/PVM/{what}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/rest/pipelines/1.0/{what}", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await writer.PostAsJsonAsync("/rest/pipelines/1.0/projects/PVM/repos/matrix/runners", new { name = "w" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await repoAdmin.PostAsJsonAsync("/rest/pipelines/1.0/projects/PVM/repos/matrix/runners", new { name = "mine" }, Ct)).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"r\",\"labels\":[\"Has Space\"]}", "labels")]
    [InlineData("{\"name\":\"r\",\"labels\":[\"a1\",\"a2\",\"a3\",\"a4\",\"a5\",\"a6\",\"a7\",\"a8\",\"a9\",\"a10\",\"a11\"]}", "labels")]
    public async Task Bad_runners_are_refused_naming_the_field(string json, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        var error = await (await admin.PostAsync("/rest/pipelines/1.0/runners", new StringContent(json, Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Fact]
    public async Task The_runner_api_refuses_users_strangers_and_bad_input_and_a_runner_cannot_touch_a_step_it_does_not_hold()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        var created = await (await admin.PostAsJsonAsync("/rest/pipelines/1.0/runners", new { name = "probe" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(anonymous, "/rest/pipelines/1.0/runner/register", created.GetProperty("token").GetString(), "{\"capacity\":1000}")).StatusCode);
        var registered = await (await Send(anonymous, "/rest/pipelines/1.0/runner/register", created.GetProperty("token").GetString(), "{\"hostName\":\"h\",\"capacity\":1}"))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        var secret = registered.GetProperty("secret").GetString();

        // A user's credentials are not a runner's.
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.PostAsJsonAsync("/rest/pipelines/1.0/runner/jobs/next", new { free = 1, running = Array.Empty<string>() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(anonymous, "/rest/pipelines/1.0/runner/jobs/next", secret, "{\"free\":")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(anonymous, "/rest/pipelines/1.0/runner/register", "GHR-unknown", "{\"capacity\":1}")).StatusCode);
        var stranger = "{" + Guid.NewGuid() + "}";
        Assert.Equal(HttpStatusCode.NotFound, (await Send(anonymous, $"/rest/pipelines/1.0/runner/jobs/{Uri.EscapeDataString(stranger)}/heartbeat", secret, "")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(anonymous, $"/rest/pipelines/1.0/runner/jobs/{Uri.EscapeDataString(stranger)}/log?offset=0", secret, "text")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(anonymous, $"/rest/pipelines/1.0/runner/jobs/{Uri.EscapeDataString(stranger)}/log", secret, "text")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(anonymous, $"/rest/pipelines/1.0/runner/jobs/{Uri.EscapeDataString(stranger)}/complete", secret, "{\"result\":\"MAYBE\"}")).StatusCode);
        var tooBig = new HttpRequestMessage(HttpMethod.Post, $"/rest/pipelines/1.0/runner/jobs/{Uri.EscapeDataString(stranger)}/log?offset=0") { Content = new ByteArrayContent(new byte[9 * 1024 * 1024]) };
        tooBig.Headers.Add("X-GitHost-Runner-Token", secret);
        tooBig.Headers.ExpectContinue = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await anonymous.SendAsync(tooBig, Ct)).StatusCode);

        var uuid = Uri.EscapeDataString(registered.GetProperty("uuid").GetString()!);
        await (await admin.PutAsJsonAsync($"/rest/pipelines/1.0/runners/{uuid}", new { enabled = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(anonymous, "/rest/pipelines/1.0/runner/jobs/next", secret, "{\"free\":1,\"running\":[]}")).StatusCode);
        await (await admin.DeleteAsync($"/rest/pipelines/1.0/runners/{uuid}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(anonymous, "/rest/pipelines/1.0/runner/jobs/next", secret, "{\"free\":1,\"running\":[]}")).StatusCode);

        async Task<HttpResponseMessage> Send(HttpClient client, string path, string? token, string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (token is not null)
            {
                request.Headers.Add("X-GitHost-Runner-Token", token);
            }

            return await client.SendAsync(request, Ct);
        }
    }
}
