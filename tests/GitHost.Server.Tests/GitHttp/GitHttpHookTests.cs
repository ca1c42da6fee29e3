using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>The pre-receive and post-receive hooks as a pusher sees them: remote: lines, refused refs, one event per push.</summary>
public sealed class GitHttpHookTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Push_to_a_hidden_namespace_is_refused_with_remote_text_and_no_ref_moves(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("HOOKS", "hidden", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.CommitAsync("one", Ct);
        var url = server.AdminCloneUrl("HOOKS", "hidden");

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", "--atomic", url, "main", "HEAD:refs/pull-requests/1/from");

        Assert.NotEqual(0, pushed.ExitCode);
        Assert.Contains("remote: refs/pull-requests/1/from: refs under refs/pull-requests/ are managed by GitHost", pushed.StandardError);
        Assert.Contains("pre-receive hook declined", pushed.StandardError);
        Assert.Equal("", await server.RefsOnDiskAsync(id, Ct));
        Assert.Empty(server.LockFiles(id));
    }

    [Theory]
    [AllDatabases]
    public async Task Each_push_writes_one_refs_changed_event_with_bitbuckets_changes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("EVENTS", "events", Ct);
        var url = server.AdminCloneUrl("EVENTS", "events");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var first = await tree.CommitAsync("one", Ct);
        await tree.GitAsync(Ct, "branch", "old");
        await tree.GitAsync(Ct, "push", "--quiet", url, "main", "old");
        var second = await tree.CommitAsync("two", Ct);
        await tree.GitAsync(Ct, "tag", "v1");
        var before = await EventsAsync(server, "events", id);

        var pushed = await tree.GitAsync(Ct, "push", "--atomic", url, "main", "refs/tags/v1", ":old", "HEAD:refs/heads/feature");

        var events = (await EventsAsync(server, "events", id)).Skip(before.Count).ToList();
        var payload = JsonDocument.Parse(Assert.Single(events)).RootElement;
        Assert.Equal("repo:refs_changed", payload.GetProperty("eventKey").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$", payload.GetProperty("date").GetString());
        Assert.Equal("admin", payload.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal("events", payload.GetProperty("repository").GetProperty("slug").GetString());
        Assert.Equal("EVENTS", payload.GetProperty("repository").GetProperty("project").GetProperty("key").GetString());
        var changes = payload.GetProperty("changes").EnumerateArray()
            .ToDictionary(c => c.GetProperty("refId").GetString()!, c => c);
        Assert.Equal("UPDATE", changes["refs/heads/main"].GetProperty("type").GetString());
        Assert.Equal(first, changes["refs/heads/main"].GetProperty("fromHash").GetString());
        Assert.Equal(second, changes["refs/heads/main"].GetProperty("toHash").GetString());
        Assert.Equal("main", changes["refs/heads/main"].GetProperty("ref").GetProperty("displayId").GetString());
        Assert.Equal("DELETE", changes["refs/heads/old"].GetProperty("type").GetString());
        Assert.Equal(new string('0', 40), changes["refs/heads/old"].GetProperty("toHash").GetString());
        Assert.Equal("ADD", changes["refs/heads/feature"].GetProperty("type").GetString());
        Assert.Equal("TAG", changes["refs/tags/v1"].GetProperty("ref").GetProperty("type").GetString());
        Assert.Equal("BRANCH", changes["refs/heads/feature"].GetProperty("ref").GetProperty("type").GetString());
        Assert.Equal(4, changes.Count);
        Assert.Contains("remote: Create pull request for feature:", pushed.StandardError);
        Assert.Contains("/projects/EVENTS/repos/events/pull-requests?create&sourceBranch=refs%2Fheads%2Ffeature", pushed.StandardError);
        Assert.DoesNotContain("Create pull request for main", pushed.StandardError);
        Assert.DoesNotContain("Create pull request for v1", pushed.StandardError);
    }

    [Fact]
    public async Task Updating_an_existing_branch_prints_no_pull_request_link()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("NOLINK", "nolink", Ct);
        var url = server.AdminCloneUrl("NOLINK", "nolink");
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.CommitAsync("one", Ct);
        await tree.GitAsync(Ct, "push", url, "HEAD:refs/heads/topic");
        await tree.CommitAsync("two", Ct);

        var pushed = await tree.GitAsync(Ct, "push", url, "HEAD:refs/heads/topic");

        Assert.DoesNotContain("Create pull request", pushed.StandardError);
        Assert.Contains("HEAD -> topic", pushed.StandardError);
    }

    [Fact]
    public async Task Hook_callback_refuses_calls_without_a_live_push()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = server.Client();
        using var admin = server.AdminClient();

        var overTcp = await admin.PostAsync("/internal/hooks/pre-receive", new StringContent($"{new string('0', 40)} {new string('a', 40)} refs/heads/x\n"), Ct);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, overTcp.StatusCode);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.EventKey == "repo:refs_changed" && m.Payload.Contains("refs/heads/x"))));
    }

    private static Task<List<string>> EventsAsync(GitHostTestServer server, string slug, long repositoryId) =>
        server.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventKey == "repo:refs_changed" && m.Payload.Contains($"{{\"slug\":\"{slug}\",\"id\":{repositoryId},"))
            .OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync());
}
