using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Data.Audit;
using GitHost.Server.Audit;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Server.Tests.Users;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Audit;

/// <summary>Each audited action leaves exactly one record, the log cannot be changed, and the JSON lines file follows the table.</summary>
public sealed class AuditLogTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Events = "/rest/auditing/1.0/events";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Administration_actions_are_recorded_once_each_with_actor_and_details(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var adminId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == GitHostTestServer.AdminUser).Select(u => u.Id).SingleAsync(Ct));

        await (await admin.CreateUserAsync("audited", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await admin.CreateGroupAsync("audit-team", Ct);
        await admin.AddToGroupAsync("audited", "audit-team", Ct);
        await server.CreateRepositoryAsync("AUD", "ledger", Ct);
        await (await admin.PutAsync("/rest/api/1.0/projects/AUD/repos/ledger/permissions/users?name=audited&permission=REPO_WRITE", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/AUD/repos/ledger", new { name = "ledger2" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.DeleteAsync("/rest/api/1.0/projects/AUD/repos/ledger2", Ct)).ExpectAsync(HttpStatusCode.Accepted, Ct);
        await (await admin.PutAsync("/rest/api/1.0/admin/permissions/users?name=audited&permission=PROJECT_CREATE", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        var records = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct));
        AuditEventEntity One(string action, Func<AuditEventEntity, bool> about) => Assert.Single(records, r => r.Action == action && about(r));

        var user = One("user.created", r => r.ObjectName == "audited");
        Assert.Equal(adminId, user.ActorUserId);
        Assert.Equal("admin", user.ActorName);
        Assert.Equal("PASSWORD", user.Credential);
        Assert.Equal("REST", user.Method);
        Assert.Equal("127.0.0.1", user.SourceIp);
        Assert.Contains("audited@example.com", user.After);
        One("group.created", r => r.ObjectName == "audit-team");
        One("group.membership.added", r => r.ObjectName == "audit-team" && r.After!.Contains("audited"));
        One("project.created", r => r.ProjectKey == "AUD");
        var created = One("repository.created", r => r.RepositorySlug == "ledger");
        var granted = One("permission.repository.granted", r => r.ObjectName == "audited");
        Assert.Equal(created.RepositoryId, granted.RepositoryId);
        Assert.Contains("REPO_WRITE", granted.After);
        var renamed = One("repository.modified", r => r.RepositoryId == created.RepositoryId);
        Assert.Contains("\"slug\":\"ledger\"", renamed.Before);
        Assert.Contains("ledger2", renamed.After);
        One("repository.deleted", r => r.RepositoryId == created.RepositoryId);
        var global = One("permission.global.changed", r => r.ObjectName == "audited");
        Assert.Contains("PROJECT_CREATE", global.After);
    }

    [Theory]
    [AllDatabases]
    public async Task Credentials_given_and_taken_back_and_revocations_are_recorded_once_each(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        // Other tests of this class push as the admin over Git HTTP on the same server.
        var firstId = await server.WithDatabaseAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id, Ct)) ?? 0;
        await (await admin.CreateUserAsync("revoked", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await admin.CreateGroupAsync("revoked-team", Ct);
        await admin.AddToGroupAsync("revoked", "revoked-team", Ct);
        await server.CreateRepositoryAsync("AUR", "vault", Ct);

        var token = await (await admin.PutAsJsonAsync("/rest/access-tokens/1.0/users/revoked", new { name = "ci", permissions = new[] { "REPO_READ" } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync("/rest/access-tokens/1.0/users/revoked/" + token.GetProperty("id").GetString(), Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var key = await (await admin.PostAsJsonAsync("/rest/ssh/1.0/keys?user=revoked", new { text = Authorization.MatrixKeys.NewEd25519Line() }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.DeleteAsync("/rest/ssh/1.0/keys/" + key.GetProperty("id").GetInt64(), Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var accessKey = await (await admin.PostAsJsonAsync("/rest/keys/1.0/projects/AUR/repos/vault/ssh",
            new { key = new { text = Authorization.MatrixKeys.NewEd25519Line() }, permission = "REPO_READ" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var accessKeyId = accessKey.GetProperty("key").GetProperty("id").GetInt64();
        await (await admin.DeleteAsync("/rest/keys/1.0/projects/AUR/repos/vault/ssh/" + accessKeyId, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PutAsync("/rest/api/1.0/projects/AUR/permissions/users?name=revoked&permission=PROJECT_WRITE", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.DeleteAsync("/rest/api/1.0/projects/AUR/permissions/users?name=revoked", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PutAsync("/rest/api/1.0/projects/AUR/repos/vault/permissions/users?name=revoked&permission=REPO_READ", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.DeleteAsync("/rest/api/1.0/projects/AUR/repos/vault/permissions/users?name=revoked", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/groups/remove-user", new { context = "revoked-team", itemName = "revoked" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync("/rest/api/1.0/admin/groups?name=revoked-team", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync("/rest/api/1.0/admin/users?name=revoked", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var records = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Id > firstId && e.ActorName == "admin").OrderBy(e => e.Id).ToListAsync(Ct));
        AuditEventEntity One(string action, Func<AuditEventEntity, bool> about) => Assert.Single(records, r => r.Action == action && about(r));
        bool AboutRevoked(AuditEventEntity r) => (r.ObjectName ?? "").Contains("revoked", StringComparison.Ordinal) || (r.After ?? r.Before ?? "").Contains("revoked", StringComparison.Ordinal);

        var created = One("token.created", r => r.After!.Contains("\"ci\"", StringComparison.Ordinal));
        Assert.DoesNotContain(token.GetProperty("token").GetString()!, created.After);
        One("token.revoked", r => (r.Before ?? "").Contains("\"ci\"", StringComparison.Ordinal) || r.ObjectName == "ci");
        One("ssh-key.added", AboutRevoked);
        One("ssh-key.removed", AboutRevoked);
        var addedKey = One("access-key.added", r => r.RepositorySlug == "vault");
        var removedKey = One("access-key.removed", r => r.RepositorySlug == "vault");
        Assert.Equal(addedKey.ObjectId, removedKey.ObjectId);
        One("permission.project.granted", r => r.ProjectKey == "AUR" && r.ObjectName == "revoked");
        var projectRevoked = One("permission.project.revoked", r => r.ProjectKey == "AUR" && r.ObjectName == "revoked");
        Assert.Contains("PROJECT_WRITE", projectRevoked.Before);
        var repoRevoked = One("permission.repository.revoked", r => r.RepositorySlug == "vault" && r.ObjectName == "revoked");
        Assert.Contains("REPO_READ", repoRevoked.Before);
        One("group.membership.removed", r => r.ObjectName == "revoked-team");
        One("group.deleted", r => r.ObjectName == "revoked-team");
        One("user.deleted", r => r.ObjectName == "revoked");
        Assert.All(records, r => Assert.Equal("REST", r.Method));
    }

    [Theory]
    [AllDatabases]
    public async Task Sign_ins_are_recorded_and_wrong_passwords_never_store_the_secret(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("signer", Ct);
        using var wrong = server.Client("signer", "not-the-password-1");
        using var right = server.Client("signer");

        await (await wrong.GetAsync("/rest/api/1.0/users/signer", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await right.GetAsync("/rest/api/1.0/users/signer", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await right.GetAsync("/rest/api/1.0/users/signer", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var records = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.ObjectName == "signer").ToListAsync(Ct));
        var failed = Assert.Single(records, r => r.Action == "auth.signin.failed");
        Assert.Null(failed.ActorUserId);
        Assert.DoesNotContain("not-the-password", failed.After);
        // The credential cache answers the second request: one verification, one record.
        var succeeded = Assert.Single(records, r => r.Action == "auth.signin.succeeded");
        Assert.Equal("signer", succeeded.ActorName);
        Assert.Equal("127.0.0.1", succeeded.SourceIp);
    }

    [Theory]
    [AllDatabases]
    public async Task Forced_push_ref_deletion_and_merge_are_recorded_but_fast_forwards_are_not(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        using var repo = await PullRequestRepo.CreateAsync(server, "AUDG", "pushes", Ct);
        await repo.PushAsync("topic", "ordinary change", Ct);
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "feature");
        await repo.Tree.GitAsync(Ct, "commit", "--quiet", "--amend", "-m", "rewritten");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", "--force", repo.Url, "feature");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, ":topic");
        await repo.PushAsync("by-rest", "deleted through REST", Ct);
        await repo.Tree.GitAsync(Ct, "tag", "v-rest", "feature");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "v-rest");
        using (var branchDelete = new HttpRequestMessage(HttpMethod.Delete, "/rest/branch-utils/1.0/projects/AUDG/repos/pushes/branches")
               { Content = JsonContent.Create(new { name = "refs/heads/by-rest" }) })
        {
            await (await admin.SendAsync(branchDelete, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        }

        await (await admin.DeleteAsync("/rest/git/1.0/projects/AUDG/repos/pushes/tags/v-rest", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var pr = await repo.OpenAsync(admin, Ct);
        await (await admin.PostAsync(repo.PullRequests + "/" + pr.GetProperty("id").GetInt64() + "/merge?version=" + pr.GetProperty("version").GetInt32(), null, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        var records = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.RepositoryId == repo.Id).ToListAsync(Ct));
        var forced = Assert.Single(records, r => r.Action == "ref.force-pushed");
        Assert.Equal("refs/heads/feature", forced.ObjectId);
        Assert.Equal("Git HTTP", forced.Method);
        Assert.Equal("admin", forced.ActorName);
        Assert.Contains(repo.FeatureHead, forced.Before);
        var deleted = Assert.Single(records, r => r.Action == "ref.deleted" && r.Method == "Git HTTP");
        Assert.Equal("refs/heads/topic", deleted.ObjectId);
        var restDeletions = records.Where(r => r.Action == "ref.deleted" && r.Method == "REST").OrderBy(r => r.Id).ToList();
        Assert.Equal(["refs/heads/by-rest", "refs/tags/v-rest"], restDeletions.Select(r => r.ObjectId));
        Assert.All(restDeletions, r => Assert.Equal("admin", r.ActorName));
        var merged = Assert.Single(records, r => r.Action == "pull-request.merged");
        Assert.Equal("REST", merged.Method);
        Assert.Equal(5, records.Count(r => r.Category == "End user activity"));
    }

    [Fact]
    public async Task Forwarded_address_is_believed_only_from_a_trusted_proxy()
    {
        await using var trusting = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct,
            new Dictionary<string, string?> { ["GitHost:TrustedProxies:0"] = "127.0.0.1" });
        var plain = await servers.GetAsync(DatabaseProvider.Sqlite);

        foreach (var (server, expected) in new[] { (trusting, "203.0.113.7"), (plain, "127.0.0.1") })
        {
            using var admin = server.AdminClient();
            admin.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
            await admin.CreateGroupAsync("forwarded-" + expected, Ct);
            var record = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.ObjectName == "forwarded-" + expected, Ct));
            Assert.Equal(expected, record.SourceIp);
        }
    }

    [Theory]
    [AllDatabases]
    public async Task Rest_query_filters_pages_and_refuses_bad_input_naming_the_parameter(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        foreach (var name in new[] { "page-a", "page-b", "page-c" })
        {
            await admin.CreateGroupAsync(name, Ct);
        }

        var first = await (await admin.GetAsync(Events + "?actions=group.created&limit=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var entities = first.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(2, entities.Count);
        Assert.Equal("page-c", entities[0].GetProperty("affectedObjects")[0].GetProperty("name").GetString());
        Assert.Equal("Group created", entities[0].GetProperty("type").GetProperty("action").GetString());
        Assert.Equal("admin", entities[0].GetProperty("author").GetProperty("name").GetString());
        Assert.False(first.GetProperty("isLastPage").GetBoolean());
        var cursor = first.GetProperty("pagingInfo").GetProperty("nextPageCursor").GetString();
        var second = await (await admin.GetAsync(Events + "?actions=group.created&limit=2&pageCursor=" + Uri.EscapeDataString(cursor!), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("page-a", second.GetProperty("entities")[0].GetProperty("affectedObjects")[0].GetProperty("name").GetString());

        var future = await (await admin.GetAsync(Events + "?from=2999-01-01T00:00:00Z", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Empty(future.GetProperty("entities").EnumerateArray());

        foreach (var (query, parameter) in new[]
        {
            ("from=yesterday", "from"), ("to=2026-13-45", "to"), ("limit=0", "limit"), ("limit=100000", "limit"), ("offset=-1", "offset"),
            ("actions=group.exploded", "actions"), ("pageCursor=abc", "pageCursor"), ("userIds=1,x", "userIds"),
            ("affectedObject=USER,1", "affectedObject"), ("repository=ledger", "repository"), ("actor=" + new string('a', 300), "actor"),
        })
        {
            var error = await (await admin.GetAsync(Events + "?" + query, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
            Assert.Equal(parameter, error.GetProperty("errors")[0].GetProperty("context").GetString());
        }
    }

    [Theory]
    [AllDatabases]
    public async Task No_request_can_change_or_delete_a_record(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("untouchable", Ct);
        // Sign-ins of the admin client are recorded as they happen; only records about the group must stay as they were.
        var before = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.ObjectName == "untouchable").ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.DeleteAsync(Events, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.PutAsJsonAsync(Events, new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.PostAsJsonAsync(Events, new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(Events + "/1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync(Events + "/1", new { }, Ct)).StatusCode);

        var after = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.ObjectName == "untouchable").ToListAsync(Ct));
        Assert.Single(before);
        Assert.Equal(before.Select(e => (e.Id, e.Action, e.After)), after.Select(e => (e.Id, e.Action, e.After)));
    }

    [Theory]
    [AllDatabases]
    public async Task Json_lines_file_holds_exactly_the_table(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("filed", Ct);
        var table = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct));
        var writer = server.Services.GetRequiredService<AuditFileWriter>();
        await writer.WaitForAsync(table[^1].Id, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // One file per UTC day of the record: each file in id order, every id in one line of one file.
        var files = Directory.GetFiles(writer.Folder, "audit-*.jsonl")
            .Select(f => File.ReadAllLines(f).Select(l => JsonDocument.Parse(l).RootElement).ToList()).ToList();
        foreach (var file in files)
        {
            var ids = file.Select(l => l.GetProperty("id").GetInt64()).ToList();
            Assert.Equal(ids.Order(), ids);
        }

        var lines = files.SelectMany(f => f).OrderBy(l => l.GetProperty("id").GetInt64()).ToList();
        var fileIds = lines.Select(l => l.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(fileIds.Count, fileIds.Distinct().Count());
        // The retention test may purge a record from the table after the file got it; the file never loses a line.
        var tableIds = table.Select(e => e.Id).ToHashSet();
        var filedFromTable = lines.Where(l => tableIds.Contains(l.GetProperty("id").GetInt64())).ToList();
        Assert.Equal(table.Select(e => e.Id), filedFromTable.Select(l => l.GetProperty("id").GetInt64()));
        Assert.Equal(table.Select(e => e.Action), filedFromTable.Select(l => l.GetProperty("actionKey").GetString()));
        var filed = lines.Single(l => l.GetProperty("affectedObjects")[0].GetProperty("name").GetString() == "filed");
        Assert.Equal("Group created", filed.GetProperty("auditType").GetProperty("action").GetString());
        Assert.True(filed.GetProperty("timestamp").GetProperty("epochSecond").GetInt64() > 0);
    }

    [Fact]
    public async Task Retention_purges_only_expired_records()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("kept", Ct);
        var writer = server.Services.GetRequiredService<AuditFileWriter>();
        var old = await server.WithDatabaseAsync(async db =>
        {
            var entity = new AuditEventEntity { Timestamp = 1000, Action = "group.created", Category = "Users and groups", Method = "System", ObjectType = "GROUP", ObjectName = "ancient" };
            db.AuditEvents.Add(entity);
            await db.SaveChangesAsync(Ct);
            return entity.Id;
        });
        await writer.WaitForAsync(old, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var purged = await server.Services.GetRequiredService<AuditRetention>().PurgeAsync(Ct);

        Assert.Equal(1, purged);
        Assert.False(await server.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Id == old, Ct)));
        Assert.True(await server.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.ObjectName == "kept", Ct)));
    }
}
