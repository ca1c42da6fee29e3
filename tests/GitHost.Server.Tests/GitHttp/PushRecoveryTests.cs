using System.Security.Cryptography;
using System.Text.Json;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Pushes;
using GitHost.Server.GitHooks;
using GitHost.Server.Tests.TestData;
using GitHost.Services.Cluster;
using GitHost.Services.Git;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>
/// Pushes whose post-receive never ran (their node died after git moved the refs): the pending row the
/// pre-receive wrote lets the recovery record them, once, and drop the ones that never landed.
/// </summary>
public sealed class PushRecoveryTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string ClientBaseUrl = "http://git.example.test:7990";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_push_and_a_refused_push_leave_no_pending_row(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("PENDING", "clean", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.CommitAsync("one", Ct);

        await tree.GitAsync(Ct, "push", server.AdminCloneUrl("PENDING", "clean"), "main");
        var refused = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.AdminCloneUrl("PENDING", "clean"), "HEAD:refs/pull-requests/1/from");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.PendingPushes.CountAsync(p => p.RepositoryId == id, Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task A_push_that_landed_without_its_post_receive_is_recorded_once_and_one_that_did_not_land_is_dropped(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("PENDING", "landed", Ct);
        var url = server.AdminCloneUrl("PENDING", "landed");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var first = await tree.CommitAsync("one", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "main");
        var second = await tree.CommitAsync("two", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "HEAD:refs/heads/carrier");
        // What git did before the node died: main moved, and no post-receive followed.
        (await GitCli.RunAsync(server.RepositoryPath(id), ["update-ref", "refs/heads/main", second, first], Ct)).EnsureSuccess();
        var eventsBefore = await EventCountAsync(server, "landed", id);
        var landed = await AddPendingAsync(server, id, $"{first} {second} refs/heads/main");
        var neverLanded = await AddPendingAsync(server, id, $"{Zero} {second} refs/heads/never-created");
        using var running = server.Services.GetRequiredService<PushSessions>().Open(new Principal(1, "admin"), id, "http", null, ClientBaseUrl);
        await AddPendingAsync(server, id, $"{second} {first} refs/heads/main", running.Session.Id);
        var recovery = server.Services.GetRequiredService<PushRecovery>();

        await recovery.RecoverAsync(Ct);
        await recovery.RecoverAsync(Ct);

        var events = await EventsAsync(server, "landed", id);
        Assert.Equal(eventsBefore + 1, events.Count);
        var payload = JsonDocument.Parse(events[^1]).RootElement;
        var change = Assert.Single(payload.GetProperty("changes").EnumerateArray());
        Assert.Equal(("refs/heads/main", first, second, "UPDATE"),
            (change.GetProperty("refId").GetString(), change.GetProperty("fromHash").GetString(), change.GetProperty("toHash").GetString(), change.GetProperty("type").GetString()));
        Assert.Equal("admin", payload.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal(second, payload.GetProperty("toCommit").GetProperty("id").GetString());
        // Links point where the pusher's client pointed, as the post-receive's would have.
        Assert.StartsWith(ClientBaseUrl + "/projects/PENDING/repos/landed",
            payload.GetProperty("repository").GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString(), StringComparison.Ordinal);
        var left = await server.WithDatabaseAsync(db => db.PendingPushes.AsNoTracking().Where(p => p.RepositoryId == id).Select(p => p.PushId).ToListAsync(Ct));
        Assert.Equal([running.Session.Id], left);
        Assert.DoesNotContain(landed, left);
        Assert.DoesNotContain(neverLanded, left);
    }

    [Fact]
    public async Task A_post_receive_after_its_push_was_recovered_records_nothing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("PENDING", "late", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var first = await tree.CommitAsync("one", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", server.AdminCloneUrl("PENDING", "late"), "main");
        var eventsBefore = await EventCountAsync(server, "late", id);
        using var push = server.Services.GetRequiredService<PushSessions>().Open(new Principal(1, "admin"), id, "http", null, ClientBaseUrl);

        await using var scope = server.Services.CreateAsyncScope();
        var target = await scope.ServiceProvider.GetRequiredService<PushTargets>().LoadAsync(push.Session, Ct);
        var lines = await scope.ServiceProvider.GetRequiredService<RefsChangedRecorder>()
            .RecordAsync(target!, [new RefUpdate(Zero, first, "refs/heads/copy")], null, new { }, Ct);

        Assert.Empty(lines);
        Assert.Equal(eventsBefore, await EventCountAsync(server, "late", id));
    }

    [Fact]
    public async Task A_pending_row_that_cannot_be_read_is_dropped_without_an_event()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("PENDING", "garbled", Ct);
        var eventsBefore = await EventCountAsync(server, "garbled", id);
        var garbled = await AddPendingAsync(server, id, "not three fields\n" + new string('x', 300));

        await server.Services.GetRequiredService<PushRecovery>().RecoverAsync(Ct);

        Assert.False(await server.WithDatabaseAsync(db => db.PendingPushes.AnyAsync(p => p.PushId == garbled, Ct)));
        Assert.Equal(eventsBefore, await EventCountAsync(server, "garbled", id));
    }

    [Fact]
    public async Task Landed_updates_are_read_from_the_refs_as_they_are_now()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("PENDING", "judged", Ct);
        var url = server.AdminCloneUrl("PENDING", "judged");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var a = await tree.CommitAsync("a", Ct);
        var b = await tree.CommitAsync("b", Ct);
        var c = await tree.CommitAsync("c", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "main");
        await tree.GitAsync(Ct, "checkout", "--quiet", "--orphan", "elsewhere");
        var unrelated = await tree.CommitAsync("unrelated", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "elsewhere");
        var judge = server.Services.GetRequiredService<LandedRefUpdates>();
        var exact = new RefUpdate(b, c, "refs/heads/main");
        var movedOn = new RefUpdate(a, b, "refs/heads/main");
        var overtaken = new RefUpdate(a, unrelated, "refs/heads/main");
        var stillOld = new RefUpdate(c, a, "refs/heads/main");
        var deleted = new RefUpdate(a, Zero, "refs/heads/gone");
        var notDeleted = new RefUpdate(unrelated, Zero, "refs/heads/elsewhere");
        var notCreated = new RefUpdate(Zero, a, "refs/heads/absent");
        var unknownObject = new RefUpdate(a, new string('1', 40), "refs/heads/main");

        var landed = judge.Of(id, [exact, movedOn, overtaken, stillOld, deleted, notDeleted, notCreated, unknownObject]);

        Assert.Equal([exact, movedOn, deleted], landed);
    }

    private static string Zero => new('0', 40);

    private static async Task<string> AddPendingAsync(GitHostTestServer server, long repositoryId, string updates, string? pushId = null)
    {
        pushId ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var nodeId = server.Services.GetRequiredService<ClusterNode>().Id;
        var adminId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == GitHostTestServer.AdminUser).Select(u => u.Id).SingleAsync(Ct));
        return await server.WithDatabaseAsync(async db =>
        {
            db.PendingPushes.Add(new PendingPushEntity
            {
                PushId = pushId,
                NodeId = nodeId,
                RepositoryId = repositoryId,
                Principal = JsonSerializer.Serialize(new Principal(adminId, GitHostTestServer.AdminUser), JsonSerializerOptions.Web),
                Protocol = "http",
                BaseUrl = ClientBaseUrl,
                Updates = updates,
                CreatedDate = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            });
            await db.SaveChangesAsync(Ct);
            return pushId;
        });
    }

    private static Task<int> EventCountAsync(GitHostTestServer server, string slug, long repositoryId) =>
        server.WithDatabaseAsync(db => Events(db, slug, repositoryId).CountAsync(Ct));

    private static Task<List<string>> EventsAsync(GitHostTestServer server, string slug, long repositoryId) =>
        server.WithDatabaseAsync(db => Events(db, slug, repositoryId).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync(Ct));

    private static IQueryable<Data.Outbox.OutboxMessageEntity> Events(GitHostDbContext db, string slug, long repositoryId) =>
        db.OutboxMessages.AsNoTracking().Where(m => m.EventKey == "repo:refs_changed" && m.Payload.Contains($"\"slug\":\"{slug}\",\"id\":{repositoryId},"));
}
