using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.AccessTokens;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Comments;

/// <summary>A pull request event caused through a project or repository token names the token's service user as actor, as ref events do.</summary>
public sealed class PullRequestEventActorTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task An_update_and_a_push_made_with_a_token_name_its_service_user(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PEA", "token", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        var created = await admin.CreateTokenAsync($"projects/{repo.Key}/repos/{repo.Slug}", ["REPO_WRITE"], Ct);
        using var bot = server.Client();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Raw());

        await (await bot.PutAsJsonAsync(repo.PullRequests + "/1", new { title = "A change (built)", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "feature");
        await repo.Tree.WriteAsync("ci.txt", "built\n");
        await repo.Tree.CommitAsync("ci", Ct);
        var url = new UriBuilder(server.BaseAddress) { Path = $"/scm/{repo.Key.ToLowerInvariant()}/{repo.Slug}.git" }.Uri.ToString();
        (await repo.Tree.GitAsync(Ct, "-c", "http.extraHeader=Authorization: Bearer " + created.Raw(), "push", "--quiet", url, "feature")).EnsureSuccess();

        foreach (var eventKey in new[] { "pr:modified", "pr:from_ref_updated" })
        {
            var payload = JsonDocument.Parse(Assert.Single(await PullRequestLifecycleTests.EventsAsync(server, eventKey, repo.Slug))).RootElement;
            var actor = payload.GetProperty("actor");
            Assert.Equal("token-" + created.Id(), actor.GetProperty("name").GetString());
            Assert.Equal("ci token", actor.GetProperty("displayName").GetString());
            Assert.Equal("SERVICE", actor.GetProperty("type").GetString());
        }

        var opened = JsonDocument.Parse(Assert.Single(await PullRequestLifecycleTests.EventsAsync(server, "pr:opened", repo.Slug))).RootElement;
        Assert.Equal("admin", opened.GetProperty("actor").GetProperty("name").GetString());
    }
}
