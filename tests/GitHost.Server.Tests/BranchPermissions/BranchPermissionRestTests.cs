using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.PullRequests.Merges;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.BranchPermissions;

/// <summary>
/// <c>/rest/branch-permissions/2.0</c>: Bitbucket's shapes, filters and bulk create; bad input refused
/// whole; and the server's own ref changes (REST branch delete, pull request merge) asking the same policy as pushes.
/// </summary>
public sealed class BranchPermissionRestTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restrictions_are_created_one_or_in_bulk_listed_with_filters_read_and_deleted_in_bitbuckets_shape()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("BPREST", "shape", Ct);
        await server.CreateUserAsync("bprest-exempt", Ct);
        await server.InsertGroupAsync("bprest-group");
        using var admin = server.AdminClient();
        var url = BranchPermissionTestApi.Restrictions("BPREST", "shape");

        var single = await (await admin.PostAsJsonAsync(url, new
        {
            type = "read-only",
            matcher = new { id = "main", displayId = "main", type = new { id = "BRANCH", name = "Branch" }, active = true },
            users = new[] { "bprest-exempt" },
            groupNames = new[] { "BPREST-GROUP" },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var bulk = await (await admin.PostBulkAsync(url, new object[]
        {
            BranchPermissionTestApi.Restriction("no-deletes", "PATTERN", "release/**"),
            BranchPermissionTestApi.Restriction("fast-forward-only", "MODEL_CATEGORY", "hotfix"),
            new { type = "pull-request-only", matcher = new { id = "ANY_REF_MATCHER_ID", type = new { id = "ANY_REF" } }, userSlugs = new[] { "bprest-exempt" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var all = await (await admin.GetAsync(url, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var byType = await (await admin.GetAsync(url + "?type=NO-DELETES", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var byMatcher = await (await admin.GetAsync(url + "?matcherType=branch&matcherId=main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var paged = await (await admin.GetAsync(url + "?limit=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var id = single.GetProperty("id").GetInt64();
        var one = await (await admin.GetAsync($"{url}/{id}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var deleted = await admin.DeleteAsync($"{url}/{id}", Ct);
        using var again = await admin.GetAsync($"{url}/{id}", Ct);
        using var atProject = await admin.GetAsync($"{BranchPermissionTestApi.Restrictions("BPREST")}/{bulk[0].GetProperty("id").GetInt64()}", Ct);

        Assert.Equal("read-only", single.GetProperty("type").GetString());
        Assert.Equal("REPOSITORY", single.GetProperty("scope").GetProperty("type").GetString());
        var matcher = single.GetProperty("matcher");
        Assert.Equal("refs/heads/main", matcher.GetProperty("id").GetString());
        Assert.Equal("main", matcher.GetProperty("displayId").GetString());
        Assert.Equal("BRANCH", matcher.GetProperty("type").GetProperty("id").GetString());
        Assert.Equal("Branch", matcher.GetProperty("type").GetProperty("name").GetString());
        Assert.Equal("bprest-exempt", Assert.Single(single.GetProperty("users").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("bprest-group", Assert.Single(single.GetProperty("groups").EnumerateArray()).GetString());
        Assert.Empty(single.GetProperty("accessKeys").EnumerateArray());
        Assert.Equal(3, bulk.GetArrayLength());
        Assert.Equal("HOTFIX", bulk[1].GetProperty("matcher").GetProperty("id").GetString());
        Assert.Equal("ANY_REF", bulk[2].GetProperty("matcher").GetProperty("type").GetProperty("id").GetString());
        Assert.Equal(4, all.GetProperty("size").GetInt32());
        Assert.Equal("release/**", Assert.Single(byType.Values().EnumerateArray()).GetProperty("matcher").GetProperty("id").GetString());
        Assert.Equal(id, Assert.Single(byMatcher.Values().EnumerateArray()).GetProperty("id").GetInt64());
        Assert.False(paged.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(2, paged.GetProperty("nextPageStart").GetInt32());
        Assert.Equal(id, one.GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, atProject.StatusCode);
    }

    [Fact]
    public async Task Bad_restrictions_are_refused_with_the_error_envelope_and_nothing_is_created()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("BPBAD", "bad", Ct);
        using var admin = server.AdminClient();
        var url = BranchPermissionTestApi.Restrictions("BPBAD", "bad");
        var good = BranchPermissionTestApi.Restriction("read-only", "BRANCH", "main");
        var cases = new (string Name, object Body)[]
        {
            ("unknown type", BranchPermissionTestApi.Restriction("no-pushes", "BRANCH", "main")),
            ("unknown matcher type", BranchPermissionTestApi.Restriction("read-only", "REGEX", ".*")),
            ("no matcher", new { type = "read-only" }),
            ("matcher without id", new { type = "read-only", matcher = new { type = new { id = "PATTERN" } } }),
            ("bad model category", BranchPermissionTestApi.Restriction("read-only", "MODEL_CATEGORY", "TRUNK")),
            ("bad model branch", BranchPermissionTestApi.Restriction("read-only", "MODEL_BRANCH", "staging")),
            ("oversized matcher", BranchPermissionTestApi.Restriction("read-only", "PATTERN", new string('a', 5000))),
            ("control characters", BranchPermissionTestApi.Restriction("read-only", "BRANCH", "ma\u0001in")),
            ("unknown user", BranchPermissionTestApi.Restriction("read-only", "BRANCH", "main", users: ["nobody-at-all"])),
            ("unknown group", BranchPermissionTestApi.Restriction("read-only", "BRANCH", "main", groups: ["no-group"])),
            ("unknown access key", BranchPermissionTestApi.Restriction("read-only", "BRANCH", "main", accessKeyIds: [987654])),
            ("oversized user name", BranchPermissionTestApi.Restriction("read-only", "BRANCH", "main", users: [new string('u', 300)])),
            ("too many users", BranchPermissionTestApi.Restriction("read-only", "BRANCH", "main", users: Enumerable.Repeat("admin", 201).ToArray())),
            ("users not an array", new { type = "read-only", matcher = new { id = "main", type = new { id = "BRANCH" } }, users = "admin" }),
        };

        foreach (var (name, body) in cases)
        {
            using var response = await admin.PostAsJsonAsync(url, body, Ct);
            var error = await response.ExpectAsync(HttpStatusCode.BadRequest, Ct);
            Assert.True(error.ExceptionName() == "com.atlassian.bitbucket.validation.ArgumentValidationException", name);
        }

        using var thousand = await admin.PostBulkAsync(url, Enumerable.Repeat(good, 1000).ToArray(), Ct);
        using var oneBadInBulk = await admin.PostBulkAsync(url, new[] { good, good, BranchPermissionTestApi.Restriction("x", "BRANCH", "main") }, Ct);
        using var empty = await admin.PostBulkAsync(url, Array.Empty<object>(), Ct);
        using var strings = await admin.PostBulkAsync(url, new[] { "read-only" }, Ct);
        using var notJson = await admin.PostAsync(url, new StringContent("{\"type\":", Encoding.UTF8, "application/json"), Ct);
        using var badFilter = await admin.GetAsync(url + "?type=everything", Ct);
        using var idWithoutType = await admin.GetAsync(url + "?matcherId=main", Ct);
        var left = await (await admin.GetAsync(url, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, thousand.StatusCode);
        Assert.Contains("At most 500 restrictions", await thousand.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, oneBadInBulk.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, strings.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, idWithoutType.StatusCode);
        Assert.Equal(0, left.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task Rest_branch_delete_and_create_are_refused_by_a_restriction_with_bitbuckets_authorisation_error()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "BPBR", "branches", Ct);
        using var admin = server.AdminClient();
        var noDeletes = await admin.RestrictAsync("BPBR", null, BranchPermissionTestApi.Restriction("no-deletes", "BRANCH", "refs/heads/feature"), Ct);
        await admin.RestrictAsync("BPBR", "branches", BranchPermissionTestApi.Restriction("read-only", "PATTERN", "locked/*"), Ct);
        var branches = "/rest/branch-utils/1.0/projects/BPBR/repos/branches/branches";

        using var delete = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, branches) { Content = JsonContent.Create(new { name = "feature" }) }, Ct);
        using var create = await admin.PostAsJsonAsync(branches, new { name = "locked/x", startPoint = "main" }, Ct);
        using var allowed = await admin.PostAsJsonAsync(branches, new { name = "open/x", startPoint = "main" }, Ct);

        var deleteError = await delete.ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", deleteError.ExceptionName());
        Assert.Contains($"Branch refs/heads/feature cannot be deleted (restriction {noDeletes} set by project admins of BPBR)",
            deleteError.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Contains(repo.FeatureHead + " refs/heads/feature", await GitHttp.GitHttpTestApi.RefsOnDiskAsync(server, repo.Id, Ct));
        Assert.Equal(0, await server.OutboxCountAsync("repo:refs_changed", "locked/x"));
    }

    [Fact]
    public async Task A_merge_is_allowed_on_a_pull_request_only_branch_and_vetoed_on_a_read_only_one()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "BPMG", "merges", Ct);
        using var admin = server.AdminClient();
        var prOnly = await admin.RestrictAsync("BPMG", "merges", BranchPermissionTestApi.Restriction("pull-request-only", "BRANCH", "main"), Ct);
        await repo.OpenAsync(admin, Ct);
        using var merged = await repo.SendMergeAsync(admin, 1, 0, Ct);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        await repo.PushAsync("feature", "second change", Ct);
        await admin.DeleteAsync($"{BranchPermissionTestApi.Restrictions("BPMG", "merges")}/{prOnly}", Ct);
        var readOnly = await admin.RestrictAsync("BPMG", null, BranchPermissionTestApi.Restriction("read-only", "MODEL_BRANCH", "development"), Ct);
        var mainBefore = MainOf(await GitHttp.GitHttpTestApi.RefsOnDiskAsync(server, repo.Id, Ct));
        await repo.OpenAsync(admin, Ct);
        using var vetoed = await repo.SendMergeAsync(admin, 2, 0, Ct);

        var veto = await vetoed.ExpectAsync(HttpStatusCode.Conflict, Ct);
        Assert.Equal("com.atlassian.bitbucket.pull.PullRequestMergeVetoedException", veto.ExceptionName());
        var detail = veto.GetProperty("errors")[0].GetProperty("vetoes")[0].GetProperty("detailedMessage").GetString();
        Assert.Equal($"Branch refs/heads/main is read-only (restriction {readOnly} set by project admins of BPMG); ask a project admin to change it.", detail);
        Assert.Equal(mainBefore, MainOf(await GitHttp.GitHttpTestApi.RefsOnDiskAsync(server, repo.Id, Ct)));
    }

    private static string MainOf(string refs) => refs.Split('\n').Single(l => l.EndsWith(" refs/heads/main", StringComparison.Ordinal));
}
