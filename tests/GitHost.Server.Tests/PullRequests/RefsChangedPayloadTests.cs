using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.AccessTokens;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary><c>repo:refs_changed</c> carries <c>commits</c> and <c>toCommit</c>, and names a token's service user as its actor.</summary>
public sealed class RefsChangedPayloadTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_names_the_new_head_and_the_commits_it_brought()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RCP", "commits", Ct);
        var first = await LastEventAsync(server, "commits");

        var second = await repo.PushAsync("feature", "second", Ct);
        var third = await repo.PushAsync("feature", "third", Ct, file: "src/third.txt");
        (await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, ":feature")).EnsureSuccess();

        // The first push created main and feature: toCommit is main's head, commits what main brought.
        Assert.Equal(repo.MainHead, first.GetProperty("toCommit").GetProperty("id").GetString());
        var update = await EventAtAsync(server, "commits", -2);
        Assert.Equal(third, update.GetProperty("toCommit").GetProperty("id").GetString());
        Assert.Equal([third], update.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(second, update.GetProperty("toCommit").GetProperty("parents")[0].GetProperty("id").GetString());
        Assert.Equal("third", update.GetProperty("toCommit").GetProperty("message").GetString());
        var deletion = await LastEventAsync(server, "commits");
        Assert.Equal("DELETE", deletion.GetProperty("changes")[0].GetProperty("type").GetString());
        Assert.False(deletion.TryGetProperty("commits", out _));
        Assert.False(deletion.TryGetProperty("toCommit", out _));
    }

    [Fact]
    public async Task A_branch_created_over_rest_lists_only_commits_no_other_branch_had()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RCP", "rest", Ct);
        using var admin = server.AdminClient();

        (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "copy", startPoint = repo.FeatureHead }, Ct)).EnsureSuccessStatusCode();

        var created = await LastEventAsync(server, "rest");
        Assert.Equal("ADD", created.GetProperty("changes")[0].GetProperty("type").GetString());
        Assert.Equal(repo.FeatureHead, created.GetProperty("toCommit").GetProperty("id").GetString());
        Assert.Empty(created.GetProperty("commits").EnumerateArray());
    }

    [Fact]
    public async Task A_push_with_a_repository_token_names_its_service_user_as_actor()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RCP", "token", Ct);
        using var admin = server.AdminClient();
        var created = await admin.CreateTokenAsync($"projects/{repo.Key}/repos/{repo.Slug}", ["REPO_WRITE"], Ct);
        await repo.Tree.WriteAsync("ci.txt", "built\n");
        var head = await repo.Tree.CommitAsync("ci", Ct);
        var url = new UriBuilder(server.BaseAddress) { Path = $"/scm/{repo.Key.ToLowerInvariant()}/{repo.Slug}.git" }.Uri.ToString();

        (await repo.Tree.GitAsync(Ct, "-c", "http.extraHeader=Authorization: Bearer " + created.Raw(), "push", "--quiet", url, "HEAD:refs/heads/ci")).EnsureSuccess();

        var pushed = await LastEventAsync(server, "token");
        var actor = pushed.GetProperty("actor");
        Assert.Equal("token-" + created.Id(), actor.GetProperty("name").GetString());
        Assert.Equal("ci token", actor.GetProperty("displayName").GetString());
        Assert.Equal("SERVICE", actor.GetProperty("type").GetString());
        Assert.Equal(created.GetProperty("user").GetProperty("name").GetString(), actor.GetProperty("name").GetString());
        Assert.Equal(head, pushed.GetProperty("toCommit").GetProperty("id").GetString());
    }

    private static async Task<JsonElement> LastEventAsync(GitHostTestServer server, string slug) => await EventAtAsync(server, slug, -1);

    private static async Task<JsonElement> EventAtAsync(GitHostTestServer server, string slug, int fromEnd)
    {
        var payloads = await server.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventKey == "repo:refs_changed").OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync(Ct));
        var mine = payloads.Select(p => JsonDocument.Parse(p).RootElement)
            .Where(p => p.GetProperty("repository").GetProperty("slug").GetString() == slug && p.GetProperty("repository").GetProperty("project").GetProperty("key").GetString() == "RCP")
            .ToList();
        return mine[^(-fromEnd)];
    }
}
