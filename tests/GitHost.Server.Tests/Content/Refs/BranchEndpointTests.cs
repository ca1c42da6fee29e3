using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Refs;

public sealed class BranchEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Branches_are_listed_with_bitbucket_shape_in_alphabetical_order(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRL", "list", Ct);
        using var admin = server.AdminClient();

        var page = await (await admin.GetAsync(repo.Api + "/branches", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var values = page.Values().EnumerateArray().ToList();
        Assert.Equal(["feature/a", "feature/b", "main"], values.Select(v => v.GetProperty("displayId").GetString()));
        var main = values[2];
        Assert.Equal("refs/heads/main", main.GetProperty("id").GetString());
        Assert.Equal("BRANCH", main.GetProperty("type").GetString());
        Assert.Equal(repo.Main, main.GetProperty("latestCommit").GetString());
        Assert.Equal(repo.Main, main.GetProperty("latestChangeset").GetString());
        Assert.True(main.GetProperty("isDefault").GetBoolean());
        Assert.False(values[0].GetProperty("isDefault").GetBoolean());
        Assert.False(main.TryGetProperty("metadata", out _));
        Assert.True(page.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(3, page.GetProperty("size").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task Branch_list_pages_filters_boosts_and_orders_by_modification(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRF", "filter", Ct);
        using var admin = server.AdminClient();

        var first = await (await admin.GetAsync(repo.Api + "/branches?limit=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.False(first.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(2, first.GetProperty("nextPageStart").GetInt32());
        var second = await (await admin.GetAsync(repo.Api + "/branches?limit=2&start=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.True(second.GetProperty("isLastPage").GetBoolean());
        Assert.False(second.TryGetProperty("nextPageStart", out _));
        Assert.Equal("main", second.Values()[0].GetProperty("displayId").GetString());

        var filtered = await (await admin.GetAsync(repo.Api + "/branches?filterText=FEATURE", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(2, filtered.GetProperty("size").GetInt32());

        var boosted = await (await admin.GetAsync(repo.Api + "/branches?filterText=feature/b&boostMatches=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("feature/b", boosted.Values()[0].GetProperty("displayId").GetString());

        var modified = await (await admin.GetAsync(repo.Api + "/branches?orderBy=modification&details=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var names = modified.Values().EnumerateArray().Select(v => v.GetProperty("displayId").GetString()).ToList();
        Assert.Equal("main", names[^1]);
        Assert.Equal(JsonValueKind.Object, modified.Values()[0].GetProperty("metadata").ValueKind);
    }

    [Theory]
    [AllDatabases]
    public async Task Default_branch_is_204_when_empty_and_the_branch_once_pushed(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await server.CreateRepositoryAsync("BRD", "empty", Ct);

        var empty = await admin.GetAsync("/rest/api/1.0/projects/BRD/repos/empty/branches/default", Ct);
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        var configured = await (await admin.GetAsync("/rest/api/latest/projects/BRD/repos/empty/default-branch", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("refs/heads/main", configured.GetProperty("id").GetString());
        Assert.Equal("main", configured.GetProperty("displayId").GetString());
        Assert.Equal("BRANCH", configured.GetProperty("type").GetString());

        var repo = await RefsFixtureRepo.CreateAsync(server, "BRD", "full", Ct);
        var branch = await (await admin.GetAsync(repo.Api + "/branches/default", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(repo.Main, branch.GetProperty("latestCommit").GetString());
        Assert.True(branch.GetProperty("isDefault").GetBoolean());
    }

    [Theory]
    [AllDatabases]
    public async Task Setting_the_default_branch_moves_head_and_the_row(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRS", "setdefault", Ct);
        using var admin = server.AdminClient();

        var put = await admin.PutAsJsonAsync(repo.Api + "/default-branch", new { id = "refs/heads/feature/a" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var branch = await (await admin.GetAsync(repo.Api + "/branches/default", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("refs/heads/feature/a", branch.GetProperty("id").GetString());
        var head = await File.ReadAllTextAsync(Path.Combine(server.RepositoryPath(repo.Id), "HEAD"), Ct);
        Assert.Equal("ref: refs/heads/feature/a", head.Trim());

        var legacy = await admin.PutAsJsonAsync(repo.Api + "/branches/default", new { id = "main" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, legacy.StatusCode);
        var row = await server.WithDatabaseAsync(db => Task.FromResult(db.Repositories.Single(r => r.Id == repo.Id).DefaultBranch));
        Assert.Equal("main", row);

        await (await admin.PutAsJsonAsync(repo.Api + "/default-branch", new { id = "refs/tags/v1" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Created_branch_points_at_the_start_point_and_writes_the_refs_changed_event(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRC", "create", Ct);
        using var admin = server.AdminClient();

        var core = await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "topic", startPoint = "v1", message = "ignored" }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("refs/heads/topic", core.GetProperty("id").GetString());
        Assert.Equal(repo.First, core.GetProperty("latestCommit").GetString());

        var utils = await (await admin.PostAsJsonAsync(repo.BranchUtils, new { name = "refs/heads/topic2", startPoint = repo.FeatureA[..8] }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        Assert.Equal(repo.FeatureA, utils.GetProperty("latestCommit").GetString());

        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "topic", startPoint = "main" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "topic/sub", startPoint = "main" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var missing = await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "x", startPoint = "nope" }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.commit.NoSuchCommitException", missing.ExceptionName());

        var events = await RefEvents(server, repo.Id);
        var added = Assert.Single(events, e => e.GetProperty("changes")[0].GetProperty("refId").GetString() == "refs/heads/topic");
        var change = added.GetProperty("changes")[0];
        Assert.Equal("ADD", change.GetProperty("type").GetString());
        Assert.Equal(new string('0', 40), change.GetProperty("fromHash").GetString());
        Assert.Equal(repo.First, change.GetProperty("toHash").GetString());
        Assert.Equal("topic", change.GetProperty("ref").GetProperty("displayId").GetString());
        Assert.Equal("BRANCH", change.GetProperty("ref").GetProperty("type").GetString());
        Assert.Equal("admin", added.GetProperty("actor").GetProperty("slug").GetString());
        Assert.Equal(repo.Slug, added.GetProperty("repository").GetProperty("slug").GetString());
        Assert.Equal("BRC", added.GetProperty("repository").GetProperty("project").GetProperty("key").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$", added.GetProperty("date").GetString());
        Assert.Equal(2, events.Count);
    }

    [Theory]
    [AllDatabases]
    public async Task Deleting_a_branch_checks_the_end_point_and_spares_the_default_branch(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRX", "delete", Ct);
        using var admin = server.AdminClient();

        var mismatch = await (await Delete(admin, repo.BranchUtils, new { name = "feature/a", endPoint = repo.Main }))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal("endPoint", mismatch.GetProperty("errors")[0].GetProperty("context").GetString());
        await (await Delete(admin, repo.BranchUtils, new { name = "main" })).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await Delete(admin, repo.BranchUtils, new { name = "feature/a", dryRun = true })).StatusCode);
        Assert.Equal(3, (await (await admin.GetAsync(repo.Api + "/branches", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("size").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await Delete(admin, repo.BranchUtils, new { name = "feature/a", endPoint = repo.FeatureA })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Delete(admin, repo.BranchUtils, new { name = "never-existed" })).StatusCode);

        var branches = await (await admin.GetAsync(repo.Api + "/branches", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.DoesNotContain(branches.Values().EnumerateArray(), b => b.GetProperty("displayId").GetString() == "feature/a");
        var deleted = Assert.Single(await RefEvents(server, repo.Id));
        var change = deleted.GetProperty("changes")[0];
        Assert.Equal("DELETE", change.GetProperty("type").GetString());
        Assert.Equal(repo.FeatureA, change.GetProperty("fromHash").GetString());
        Assert.Equal(new string('0', 40), change.GetProperty("toHash").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Racing_deletes_with_the_same_end_point_delete_once_and_record_one_event(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRR", "race", Ct);
        using var one = server.AdminClient();
        using var two = server.AdminClient();

        var results = await Task.WhenAll(
            Delete(one, repo.BranchUtils, new { name = "feature/b", endPoint = repo.FeatureB }),
            Delete(two, repo.BranchUtils, new { name = "feature/b", endPoint = repo.FeatureB }));

        // Bitbucket's delete is idempotent (204 whether or not the branch existed); the compare-and-swap
        // guarantees only one of the two actually deleted it, so exactly one event is recorded.
        Assert.All(results, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Single(await RefEvents(server, repo.Id));
        Assert.False(File.Exists(Path.Combine(server.RepositoryPath(repo.Id), "refs", "heads", "feature", "b")));
    }

    [Theory]
    [AllDatabases]
    public async Task Racing_creates_of_one_branch_let_exactly_one_win(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRK", "createrace", Ct);
        using var one = server.AdminClient();
        using var two = server.AdminClient();

        var results = await Task.WhenAll(
            one.PostAsJsonAsync(repo.BranchUtils, new { name = "same", startPoint = repo.FeatureA }, Ct),
            two.PostAsJsonAsync(repo.BranchUtils, new { name = "same", startPoint = repo.FeatureB }, Ct));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Single(await RefEvents(server, repo.Id));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("-x")]
    [InlineData("a\0b")]
    [InlineData("refs/heads/../../x")]
    [InlineData("a..b")]
    [InlineData("x@{1}")]
    [InlineData("a b")]
    public async Task Hostile_branch_names_and_start_points_are_refused(string hostile)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRH", "h" + Guid.NewGuid().ToString("N")[..8], Ct);
        using var admin = server.AdminClient();

        await (await admin.PostAsJsonAsync(repo.BranchUtils, new { name = hostile, startPoint = "main" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "ok", startPoint = hostile }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await Delete(admin, repo.BranchUtils, new { name = hostile })).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync(repo.Api + "/branches?base=" + Uri.EscapeDataString(hostile), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Empty(await RefEvents(server, repo.Id));
    }

    [Fact]
    public async Task New_branches_and_tags_with_a_part_starting_with_a_dash_are_refused_and_existing_ones_can_be_deleted()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRD", "dash", Ct);
        using var admin = server.AdminClient();
        var path = server.RepositoryPath(repo.Id);
        (await GitCli.RunAsync(path, ["--git-dir", path, "update-ref", "refs/heads/old/-x", repo.Main], Ct)).EnsureSuccess();

        var branch = await (await admin.PostAsJsonAsync(repo.BranchUtils, new { name = "feature/-x", startPoint = "main" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var tag = await (await admin.PostAsJsonAsync($"/rest/git/1.0/projects/{repo.ProjectKey}/repos/{repo.Slug}/tags", new { name = "v/--output=x", startPoint = "main" }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var deleted = await Delete(admin, repo.BranchUtils, new { name = "old/-x" });

        Assert.Contains("no part of it may start with '-'", branch.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Contains("no part of it may start with '-'", tag.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var refs = (await GitCli.RunAsync(path, ["--git-dir", path, "for-each-ref", "--format=%(refname)"], Ct)).StandardOutput;
        Assert.DoesNotContain("-x", refs);
        Assert.DoesNotContain("--output", refs);
    }

    [Theory]
    [AllDatabases]
    public async Task Hidden_repository_branches_are_404_for_users_and_401_for_anonymous(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "BRP", "hidden", Ct);
        await server.CreateUserAsync("br-outsider", Ct);
        using var outsider = server.Client("br-outsider");
        using var anonymous = server.Client();

        var asOutsider = await (await outsider.GetAsync(repo.Api + "/branches", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.repository.NoSuchRepositoryException", asOutsider.ExceptionName());
        await (await anonymous.GetAsync(repo.Api + "/branches/default", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await outsider.PostAsJsonAsync(repo.BranchUtils, new { name = "x", startPoint = "main" }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    internal static Task<HttpResponseMessage> Delete(HttpClient client, string url, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = JsonContent.Create(body) }, Ct);

    internal static Task<List<JsonElement>> RefEvents(GitHostTestServer server, long repositoryId) =>
        server.WithDatabaseAsync(db => Task.FromResult(db.OutboxMessages
            .Where(m => m.EventKey == "repo:refs_changed")
            .OrderBy(m => m.Id)
            .Select(m => m.Payload)
            .ToList()
            .Select(p => JsonDocument.Parse(p).RootElement.Clone())
            .Where(e => e.GetProperty("repository").GetProperty("id").GetInt64() == repositoryId)
            .ToList()));
}
