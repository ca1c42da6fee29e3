using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.BranchPermissions;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests.Merges;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Rebases;

/// <summary>
/// <c>GET|POST /rest/git/1.0/.../pull-requests/{id}/rebase</c>: the source branch replayed onto the
/// target, published like a push and checked with a real git client.
/// </summary>
public sealed class PullRequestRebaseTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string RebaseVetoedException = "com.atlassian.bitbucket.hook.repository.RepositoryHookVetoedException";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Rebase_replays_the_source_onto_the_target_and_rescopes_the_pull_request(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBO", "ok", Ct);
        using var admin = server.AdminClient();
        var newMain = await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        var opened = await repo.OpenAsync(admin, Ct);
        var version = opened.GetProperty("version").GetInt32();

        var condition = await (await admin.GetAsync(repo.Rebase(1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var result = await (await repo.SendRebaseAsync(admin, 1, version, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.True(condition.GetProperty("canRebase").GetBoolean());
        Assert.True(condition.GetProperty("canWrite").GetBoolean());
        Assert.Empty(condition.GetProperty("vetoes").EnumerateArray());
        var change = result.GetProperty("refChange");
        var newHead = change.GetProperty("toHash").GetString()!;
        Assert.Equal(repo.FeatureHead, change.GetProperty("fromHash").GetString());
        Assert.Equal("refs/heads/feature", change.GetProperty("refId").GetString());
        Assert.Equal("UPDATE", change.GetProperty("type").GetString());
        Assert.Equal("feature", change.GetProperty("ref").GetProperty("displayId").GetString());
        Assert.Equal("BRANCH", change.GetProperty("ref").GetProperty("type").GetString());

        Assert.Equal(newHead, await repo.ServerHeadAsync("feature", Ct));
        var rebased = await repo.CommitAsync(newHead, Ct);
        Assert.Equal([newMain], rebased.Parents);
        Assert.Equal("change app", rebased.Message.Trim());
        Assert.Equal("Test Author", rebased.Author);
        Assert.NotEqual("Test Committer", rebased.Committer);
        Assert.Equal("one\n2\nthree\nfour\n", await repo.FileAsync(newHead, "src/app.txt", Ct));
        Assert.Equal("other work\n", await repo.FileAsync(newHead, "src/other.txt", Ct));
        Assert.Equal(newMain, await repo.ServerHeadAsync("main", Ct));

        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(newHead, pr.GetProperty("fromRef").GetProperty("latestCommit").GetString());
        Assert.True(pr.GetProperty("version").GetInt32() > version);
        Assert.Equal("OPEN", pr.GetProperty("state").GetString());
        var upToDate = await (await admin.GetAsync(repo.Rebase(1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.False(upToDate.GetProperty("canRebase").GetBoolean());
        Assert.Contains("up to date", upToDate.GetProperty("vetoes")[0].GetProperty("summaryMessage").GetString());

        var (audited, events) = await server.WithDatabaseAsync(async db => (
            await db.AuditEvents.AsNoTracking().Where(e => e.RepositoryId == repo.Id && e.Action == "pull-request.rebased").Select(e => e.After).ToListAsync(Ct),
            await db.OutboxMessages.AsNoTracking().Where(m => m.EventKey == "repo:refs_changed" || m.EventKey == "pr:from_ref_updated")
                .Select(m => m.Payload).ToListAsync(Ct)));
        Assert.Contains(newHead, Assert.Single(audited));
        Assert.Contains(events, p => p.Contains("\"toHash\":\"" + newHead + "\"", StringComparison.Ordinal) && p.Contains("repo:refs_changed", StringComparison.Ordinal));
        Assert.Contains(events, p => p.Contains("pr:from_ref_updated", StringComparison.Ordinal) && p.Contains(newHead, StringComparison.Ordinal));
    }

    [Theory]
    [AllDatabases]
    public async Task A_stale_or_missing_version_is_refused_and_nothing_moves(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBS", "stale", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await repo.OpenAsync(admin, Ct);

        var stale = await (await repo.SendRebaseAsync(admin, 1, 7, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var missing = await (await admin.PostAsync(repo.Rebase(1), JsonBody("{}"), Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("com.atlassian.bitbucket.pull.PullRequestOutOfDateException", stale.ErrorName());
        Assert.Equal(0, stale.GetProperty("errors")[0].GetProperty("currentVersion").GetInt32());
        Assert.Equal(-1, missing.GetProperty("errors")[0].GetProperty("expectedVersion").GetInt32());
        Assert.Equal(repo.FeatureHead, await repo.ServerHeadAsync("feature", Ct));
    }

    [Fact]
    public async Task A_closed_pull_request_cannot_be_rebased()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBC", "closed", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await repo.OpenAsync(admin, Ct);
        await (await admin.PostAsync(repo.PullRequests + "/1/decline?version=0", JsonBody("{}"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var condition = await (await admin.GetAsync(repo.Rebase(1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var refused = await (await repo.SendRebaseAsync(admin, 1, 1, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.False(condition.GetProperty("canRebase").GetBoolean());
        Assert.Contains(condition.GetProperty("vetoes").EnumerateArray(), v => v.GetProperty("summaryMessage").GetString() == "The pull request is not open");
        Assert.Equal("com.atlassian.bitbucket.pull.IllegalPullRequestStateException", refused.ErrorName());
        Assert.Equal(repo.FeatureHead, await repo.ServerHeadAsync("feature", Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task A_conflicting_rebase_is_vetoed_with_the_files_and_moves_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBX", "conflict", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("main", "conflicting", Ct, file: "src/app.txt");
        await repo.OpenAsync(admin, Ct);

        var condition = await (await admin.GetAsync(repo.Rebase(1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var refused = await (await repo.SendRebaseAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.False(condition.GetProperty("canRebase").GetBoolean());
        var veto = Assert.Single(condition.GetProperty("vetoes").EnumerateArray());
        Assert.Equal("The rebase has conflicts", veto.GetProperty("summaryMessage").GetString());
        Assert.Contains("src/app.txt", veto.GetProperty("detailedMessage").GetString());
        Assert.Contains(repo.FeatureHead[..11], veto.GetProperty("detailedMessage").GetString());
        var error = refused.GetProperty("errors")[0];
        Assert.Equal(RebaseVetoedException, refused.ErrorName());
        Assert.True(error.GetProperty("conflicted").GetBoolean());
        Assert.Contains("src/app.txt", error.GetProperty("message").GetString());
        Assert.Equal(repo.FeatureHead, await repo.ServerHeadAsync("feature", Ct));
        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(0, pr.GetProperty("version").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task A_branch_permission_on_the_source_blocks_the_rebase(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBP", "locked", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await repo.OpenAsync(admin, Ct);
        await admin.RestrictAsync("RBP", "locked", BranchPermissionTestApi.Restriction("fast-forward-only", "BRANCH", "refs/heads/feature"), Ct);

        var condition = await (await admin.GetAsync(repo.Rebase(1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var refused = await (await repo.SendRebaseAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.False(condition.GetProperty("canRebase").GetBoolean());
        Assert.True(condition.GetProperty("canWrite").GetBoolean());
        var veto = Assert.Single(condition.GetProperty("vetoes").EnumerateArray());
        Assert.Equal("Insufficient branch permissions", veto.GetProperty("summaryMessage").GetString());
        Assert.Contains("cannot be rewritten", veto.GetProperty("detailedMessage").GetString());
        Assert.False(refused.GetProperty("errors")[0].GetProperty("conflicted").GetBoolean());
        Assert.Equal(repo.FeatureHead, await repo.ServerHeadAsync("feature", Ct));
        var audited = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().CountAsync(e => e.RepositoryId == repo.Id && e.Action == "pull-request.rebased", Ct));
        Assert.Equal(0, audited);
    }

    [Fact]
    public async Task A_reader_sees_why_and_may_not_rebase()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBR", "read", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await repo.OpenAsync(admin, Ct);
        await repo.AddReaderAsync("rbr-reader", Ct);
        using var reader = server.Client("rbr-reader");

        var condition = await (await reader.GetAsync(repo.Rebase(1, "latest"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var refused = await (await repo.SendRebaseAsync(reader, 1, 0, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        Assert.False(condition.GetProperty("canRebase").GetBoolean());
        Assert.False(condition.GetProperty("canWrite").GetBoolean());
        Assert.Equal("Insufficient permissions", Assert.Single(condition.GetProperty("vetoes").EnumerateArray()).GetProperty("summaryMessage").GetString());
        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", refused.ErrorName());
        Assert.Equal(repo.FeatureHead, await repo.ServerHeadAsync("feature", Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task A_pull_request_from_a_fork_is_rebased_in_the_fork_by_whoever_may_write_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBF", "upstream", Ct);
        var owner = "rbf-owner-" + provider;
        var upstreamWriter = "rbf-writer-" + provider;
        await server.CreateUserAsync(owner, Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, owner, "REPO_READ", Ct);
        await server.CreateUserAsync(upstreamWriter, Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, upstreamWriter, "REPO_WRITE", Ct);
        using var ownerClient = server.Client(owner);
        using var writerClient = server.Client(upstreamWriter);
        var fork = await (await ownerClient.PostAsJsonAsync(repo.Api, new { name = "upstream-fork" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var forkKey = fork.GetProperty("project").GetProperty("key").GetString()!;
        var forkUrl = server.CloneUrl(forkKey, "upstream-fork", owner);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", forkUrl, "refs/heads/feature:refs/heads/fork-work");
        var newMain = await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        var opened = await (await ownerClient.PostAsJsonAsync(repo.PullRequests, new
        {
            title = "From my fork",
            fromRef = new { id = "refs/heads/fork-work", repository = new { slug = "upstream-fork", project = new { key = forkKey } } },
            toRef = new { id = "refs/heads/main", repository = new { slug = repo.Slug, project = new { key = repo.Key } } },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var number = opened.GetProperty("id").GetInt64();

        var writerView = await (await writerClient.GetAsync(repo.Rebase(number), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await repo.SendRebaseAsync(writerClient, number, 0, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var ownerView = await (await ownerClient.GetAsync(repo.Rebase(number), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var result = await (await repo.SendRebaseAsync(ownerClient, number, 0, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.False(writerView.GetProperty("canWrite").GetBoolean());
        Assert.True(ownerView.GetProperty("canRebase").GetBoolean());
        var newHead = result.GetProperty("refChange").GetProperty("toHash").GetString()!;
        await repo.Tree.GitAsync(Ct, "fetch", "--quiet", forkUrl, "+fork-work:refs/remotes/fork/fork-work");
        Assert.Equal(newHead, (await repo.Tree.GitAsync(Ct, "rev-parse", "refs/remotes/fork/fork-work")).StandardOutput.Trim());
        Assert.Equal([newMain], (await repo.CommitAsync(newHead, Ct)).Parents);
        var pr = await (await ownerClient.GetAsync($"{repo.PullRequests}/{number}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(newHead, pr.GetProperty("fromRef").GetProperty("latestCommit").GetString());
        Assert.Equal(repo.FeatureHead, await repo.ServerHeadAsync("feature", Ct));
    }

    [Fact]
    public async Task A_rebase_that_would_leave_nothing_to_merge_is_vetoed()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBE", "empty", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        // The same change reaches main as another commit: replayed onto it, the source's commit becomes empty.
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "main");
        await repo.Tree.WriteAsync("src/app.txt", "one\n2\nthree\nfour\n");
        await repo.Tree.CommitAsync("same change, picked", Ct);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "main");
        var version = await repo.VersionAsync(admin, 1, Ct);

        var condition = await (await admin.GetAsync(repo.Rebase(1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var refused = await (await repo.SendRebaseAsync(admin, 1, version, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("The rebase would leave the pull request empty", Assert.Single(condition.GetProperty("vetoes").EnumerateArray()).GetProperty("summaryMessage").GetString());
        Assert.Contains("nothing to merge", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(repo.FeatureHead, await repo.ServerHeadAsync("feature", Ct));
    }

    [Fact]
    public async Task A_tag_source_cannot_be_rebased()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBT", "tag", Ct);
        using var admin = server.AdminClient();
        await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "feature:refs/tags/v1");
        await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await (await admin.PostAsJsonAsync(repo.PullRequests, new
        {
            title = "From a tag",
            fromRef = new { id = "refs/tags/v1" },
            toRef = new { id = "refs/heads/main" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var condition = await (await admin.GetAsync(repo.Rebase(1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var refused = await (await repo.SendRebaseAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("The source is not a branch", Assert.Single(condition.GetProperty("vetoes").EnumerateArray()).GetProperty("summaryMessage").GetString());
        Assert.Equal(RebaseVetoedException, refused.ErrorName());
    }

    [Fact]
    public async Task Bad_ids_and_bodies_are_refused_and_rebase_nothing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "RBB", "bad", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await repo.OpenAsync(admin, Ct);
        var rebase = repo.Rebase(1);

        foreach (var id in new[] { "abc", "1e3", "-1", "99999999999999999999999" })
        {
            var path = rebase.Replace("/1/rebase", $"/{id}/rebase", StringComparison.Ordinal);
            await (await admin.GetAsync(path, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
            await (await admin.PostAsync(path, JsonBody("{\"version\":0}"), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        }

        await (await admin.GetAsync(repo.Rebase(2), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(rebase, JsonBody("{\"version\":"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(rebase, JsonBody("{\"version\":\"zero\"}"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(rebase + "?version=0x1", JsonBody("{}"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(rebase, JsonBody("{\"version\":1e99}"), Ct)).StatusCode);

        Assert.Equal(repo.FeatureHead, await repo.ServerHeadAsync("feature", Ct));
    }

    private static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
