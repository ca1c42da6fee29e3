using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>Open, read, change, decline, reopen and delete, with Bitbucket's shapes, versions and errors.</summary>
public sealed class PullRequestLifecycleTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_new_pull_request_has_bitbuckets_shape_and_the_repositorys_first_number(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRL", "shape", Ct);
        await server.CreateUserAsync("rev-shape", Ct);
        await server.GrantRepositoryAsync("PRL", "shape", "rev-shape", "REPO_READ", Ct);
        using var admin = server.AdminClient();

        using var response = await repo.SendOpenAsync(admin, Ct, reviewers: ["rev-shape"]);
        var pr = await response.ExpectAsync(HttpStatusCode.Created, Ct);
        var fetched = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(1, pr.GetProperty("id").GetInt64());
        Assert.Equal(0, pr.GetProperty("version").GetInt32());
        Assert.Equal("OPEN", pr.GetProperty("state").GetString());
        Assert.True(pr.GetProperty("open").GetBoolean());
        Assert.False(pr.GetProperty("closed").GetBoolean());
        Assert.False(pr.GetProperty("draft").GetBoolean());
        Assert.False(pr.GetProperty("locked").GetBoolean());
        Assert.False(pr.TryGetProperty("closedDate", out _));
        Assert.Equal("A change", pr.GetProperty("title").GetString());
        Assert.Equal("Please review.", pr.GetProperty("description").GetString());
        var from = pr.GetProperty("fromRef");
        Assert.Equal("refs/heads/feature", from.GetProperty("id").GetString());
        Assert.Equal("feature", from.GetProperty("displayId").GetString());
        Assert.Equal(repo.FeatureHead, from.GetProperty("latestCommit").GetString());
        Assert.Equal("BRANCH", from.GetProperty("type").GetString());
        Assert.Equal("shape", from.GetProperty("repository").GetProperty("slug").GetString());
        Assert.Equal("PRL", from.GetProperty("repository").GetProperty("project").GetProperty("key").GetString());
        Assert.Equal(repo.MainHead, pr.GetProperty("toRef").GetProperty("latestCommit").GetString());
        Assert.Equal("admin", pr.GetProperty("author").GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("AUTHOR", pr.GetProperty("author").GetProperty("role").GetString());
        var reviewer = Assert.Single(pr.GetProperty("reviewers").EnumerateArray());
        Assert.Equal("rev-shape", reviewer.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("REVIEWER", reviewer.GetProperty("role").GetString());
        Assert.Equal("UNAPPROVED", reviewer.GetProperty("status").GetString());
        Assert.False(reviewer.GetProperty("approved").GetBoolean());
        Assert.Empty(pr.GetProperty("participants").EnumerateArray());
        Assert.Equal(0, pr.GetProperty("properties").GetProperty("openTaskCount").GetInt32());
        var self = pr.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString();
        Assert.Equal($"{server.BaseAddress.ToString().TrimEnd('/')}/projects/PRL/repos/shape/pull-requests/1", self);
        Assert.Equal(self, response.Headers.Location!.ToString());
        Assert.Equal(pr.GetProperty("createdDate").GetInt64(), fetched.GetProperty("createdDate").GetInt64());
        Assert.Equal(repo.FeatureHead, await HiddenRefAsync(server, repo, "refs/pull-requests/1/from"));
    }

    [Theory]
    [AllDatabases]
    public async Task Numbers_count_per_repository_and_each_open_is_one_event_and_one_activity(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var first = await PullRequestRepo.CreateAsync(server, "PRL", "numbers-a", Ct);
        using var second = await PullRequestRepo.CreateAsync(server, "PRL", "numbers-b", Ct);
        using var admin = server.AdminClient();
        await first.PushAsync("other", "other change", Ct);

        var a1 = await first.OpenAsync(admin, Ct);
        var a2 = await first.OpenAsync(admin, Ct, from: "other");
        var b1 = await second.OpenAsync(admin, Ct);
        var activities = await (await admin.GetAsync(first.PullRequests + "/2/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal([1L, 2L, 1L], new[] { a1, a2, b1 }.Select(p => p.GetProperty("id").GetInt64()));
        var opened = Assert.Single(activities.Values().EnumerateArray());
        Assert.Equal("OPENED", opened.GetProperty("action").GetString());
        Assert.Equal("admin", opened.GetProperty("user").GetProperty("name").GetString());
        var events = await EventsAsync(server, "pr:opened", "numbers-a");
        Assert.Equal(2, events.Count);
        var payload = JsonDocument.Parse(events[1]).RootElement;
        Assert.Equal("pr:opened", payload.GetProperty("eventKey").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$", payload.GetProperty("date").GetString());
        Assert.Equal("admin", payload.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal(2, payload.GetProperty("pullRequest").GetProperty("id").GetInt64());
        Assert.Equal("refs/heads/other", payload.GetProperty("pullRequest").GetProperty("fromRef").GetProperty("id").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Pull_requests_opened_at_once_in_one_repository_each_get_their_own_number(DatabaseProvider provider)
    {
        const int count = 12;
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRL", "at-once", Ct);
        using var admin = server.AdminClient();
        var branches = Enumerable.Range(1, count).Select(i => $"topic-{i:D2}").ToList();
        foreach (var branch in branches)
        {
            await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "-B", branch, repo.MainHead);
            await repo.Tree.WriteAsync(branch + ".txt", branch + "\n");
            await repo.Tree.CommitAsync(branch, Ct);
        }

        await repo.Tree.GitAsync(Ct, ["push", "--quiet", repo.Url, .. branches]);

        var responses = await Task.WhenAll(branches.Select(branch => repo.SendOpenAsync(admin, Ct, from: branch, title: branch)));
        var opened = new List<JsonElement>();
        foreach (var response in responses)
        {
            using (response)
            {
                opened.Add(await response.ExpectAsync(HttpStatusCode.Created, Ct));
            }
        }

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), opened.Select(p => p.GetProperty("id").GetInt64()).Order());
        Assert.Equal(count, (await EventsAsync(server, "pr:opened", "at-once")).Count);
        foreach (var pr in opened)
        {
            var id = pr.GetProperty("id").GetInt64();
            var title = pr.GetProperty("title").GetString();
            Assert.Equal(await HiddenRefAsync(server, repo, "refs/heads/" + title), await HiddenRefAsync(server, repo, $"refs/pull-requests/{id}/from"));
        }
    }

    [Theory]
    [AllDatabases]
    public async Task Refused_opens_say_why_and_create_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRL", "refused", Ct);
        using var admin = server.AdminClient();
        var existing = await repo.OpenAsync(admin, Ct);
        await repo.PushAsync("other", "other change", Ct);

        var duplicate = await (await repo.SendOpenAsync(admin, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var same = await (await repo.SendOpenAsync(admin, Ct, from: "main")).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var empty = await (await repo.SendOpenAsync(admin, Ct, from: "main", to: "feature")).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var missing = await (await repo.SendOpenAsync(admin, Ct, from: "nope")).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var missingTarget = await (await repo.SendOpenAsync(admin, Ct, to: "nope")).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var badReviewer = await (await repo.SendOpenAsync(admin, Ct, from: "other", to: "main", reviewers: ["nobody-here", "admin"])).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var noTitle = await (await admin.PostAsJsonAsync(repo.PullRequests, new { fromRef = new { id = "feature" }, toRef = new { id = "main" } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var hostile = await (await admin.PostAsJsonAsync(repo.PullRequests, new { title = "x", fromRef = new { id = "--upload-pack=evil" }, toRef = new { id = "main" } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var huge = await (await admin.PostAsJsonAsync(repo.PullRequests, new { title = "x", description = new string('d', 1_048_576), fromRef = new { id = "feature" }, toRef = new { id = "main" } }, Ct))
            .ExpectAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
        var tooLong = await (await admin.PostAsJsonAsync(repo.PullRequests, new { title = "x", description = new string('d', 40_000), fromRef = new { id = "feature" }, toRef = new { id = "main" } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("com.atlassian.bitbucket.pull.DuplicatePullRequestException", duplicate.ExceptionName());
        Assert.Equal(existing.GetProperty("id").GetInt64(), duplicate.GetProperty("errors")[0].GetProperty("existingPullRequest").GetProperty("id").GetInt64());
        Assert.Equal("com.atlassian.bitbucket.pull.InvalidPullRequestTargetException", same.ExceptionName());
        Assert.Equal("com.atlassian.bitbucket.pull.EmptyPullRequestException", empty.ExceptionName());
        Assert.Equal("com.atlassian.bitbucket.repository.NoSuchBranchException", missing.ExceptionName());
        Assert.Equal("com.atlassian.bitbucket.repository.NoSuchBranchException", missingTarget.ExceptionName());
        Assert.Equal("com.atlassian.bitbucket.pull.InvalidPullRequestReviewersException", badReviewer.ExceptionName());
        var reviewerErrors = badReviewer.GetProperty("errors")[0].GetProperty("reviewerErrors").EnumerateArray().Select(e => e.GetProperty("context").GetString()).ToList();
        Assert.Equal(["nobody-here", "admin"], reviewerErrors);
        Assert.Equal("title", noTitle.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("fromRef", hostile.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("com.atlassian.bitbucket.RequestTooLargeException", huge.ExceptionName());
        Assert.Equal("description", tooLong.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.PullRequests.CountAsync(p => p.RepositoryId == repo.Id, Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Updates_need_the_current_version_and_bump_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRL", "update", Ct);
        await repo.PushAsync("develop", "develop", Ct);
        await server.CreateUserAsync("rev-update-" + provider, Ct);
        await server.GrantRepositoryAsync("PRL", "update", "rev-update-" + provider, "REPO_READ", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        var url = repo.PullRequests + "/1";

        var updated = await (await admin.PutAsJsonAsync(url, new
        {
            version = 0,
            title = "Better title",
            description = "More words.",
            toRef = new { id = "refs/heads/develop" },
            reviewers = new[] { new { user = new { name = "rev-update-" + provider } } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var stale = await (await admin.PutAsJsonAsync(url, new { version = 0, title = "Lost update" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var missingVersion = await (await admin.PutAsJsonAsync(url, new { title = "No version" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var hugeDescription = await (await admin.PutAsJsonAsync(url, new { version = 1, description = new string('d', 1_048_576) }, Ct)).ExpectAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
        var longDescription = await (await admin.PutAsJsonAsync(url, new { version = 1, description = new string('d', 40_000) }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var emptied = await (await admin.PutAsJsonAsync(url, new { version = 1, reviewers = Array.Empty<object>() }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var activities = await (await admin.GetAsync(url + "/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(1, updated.GetProperty("version").GetInt32());
        Assert.Equal("Better title", updated.GetProperty("title").GetString());
        Assert.Equal("refs/heads/develop", updated.GetProperty("toRef").GetProperty("id").GetString());
        Assert.Single(updated.GetProperty("reviewers").EnumerateArray());
        Assert.Equal("com.atlassian.bitbucket.pull.PullRequestOutOfDateException", stale.ExceptionName());
        Assert.Equal(1, stale.GetProperty("errors")[0].GetProperty("currentVersion").GetInt32());
        Assert.Equal("version", missingVersion.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("com.atlassian.bitbucket.RequestTooLargeException", hugeDescription.ExceptionName());
        Assert.Equal("description", longDescription.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(2, emptied.GetProperty("version").GetInt32());
        Assert.Equal("More words.", emptied.GetProperty("description").GetString());
        var actions = activities.Values().EnumerateArray().ToList();
        Assert.Equal(["UPDATED", "UPDATED", "OPENED"], actions.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal("rev-update-" + provider, Assert.Single(actions[0].GetProperty("removedReviewers").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("A change", actions[1].GetProperty("previousTitle").GetString());
        Assert.Equal("refs/heads/main", actions[1].GetProperty("previousToRef").GetString());
        Assert.Equal("rev-update-" + provider, Assert.Single(actions[1].GetProperty("addedReviewers").EnumerateArray()).GetProperty("name").GetString());
        Assert.Empty(emptied.GetProperty("reviewers").EnumerateArray());
        Assert.Equal("Better title", await server.WithDatabaseAsync(db => db.PullRequests.Where(p => p.RepositoryId == repo.Id).Select(p => p.Title).SingleAsync(Ct)));
        var modified = JsonDocument.Parse((await EventsAsync(server, "pr:modified", "update")).Single()).RootElement;
        Assert.Equal("A change", modified.GetProperty("previousTitle").GetString());
        Assert.Equal("refs/heads/main", modified.GetProperty("previousTarget").GetProperty("id").GetString());
        Assert.Equal(2, (await EventsAsync(server, "pr:reviewer:updated", "update")).Count);
    }

    [Theory]
    [AllDatabases]
    public async Task Decline_reopen_and_delete_follow_state_and_version(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRL", "states", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        var url = repo.PullRequests + "/1";

        var declined = await (await admin.PostAsync(url + "/decline?version=0", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var declinedAgain = await (await admin.PostAsync(url + "/decline?version=1", null, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var listedDeclined = await (await admin.GetAsync(repo.PullRequests + "?state=DECLINED", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var listedOpen = await (await admin.GetAsync(repo.PullRequests, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var reopenedStale = await (await admin.PostAsJsonAsync(url + "/reopen", new { version = 0 }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var reopened = await (await admin.PostAsJsonAsync(url + "/reopen", new { version = 1 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var activities = await (await admin.GetAsync(url + "/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var deleteStale = await Delete(admin, url, new { version = 0 });
        var deleted = await Delete(admin, url, new { version = 2 });
        var gone = await admin.GetAsync(url, Ct);

        Assert.Equal("DECLINED", declined.GetProperty("state").GetString());
        Assert.True(declined.GetProperty("closed").GetBoolean());
        Assert.True(declined.GetProperty("closedDate").GetInt64() > 0);
        Assert.Equal("com.atlassian.bitbucket.pull.IllegalPullRequestStateException", declinedAgain.ExceptionName());
        Assert.Single(listedDeclined.Values().EnumerateArray());
        Assert.Empty(listedOpen.Values().EnumerateArray());
        Assert.Equal("com.atlassian.bitbucket.pull.PullRequestOutOfDateException", reopenedStale.ExceptionName());
        Assert.Equal("OPEN", reopened.GetProperty("state").GetString());
        Assert.Equal(2, reopened.GetProperty("version").GetInt32());
        Assert.Equal(["REOPENED", "DECLINED", "OPENED"], activities.Values().EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.All(activities.Values().EnumerateArray(), a => Assert.Equal("admin", a.GetProperty("user").GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, deleteStale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("com.atlassian.bitbucket.pull.NoSuchPullRequestException", (await gone.ReadJsonAsync(Ct)).ExceptionName());
        Assert.Null(await HiddenRefAsync(server, repo, "refs/pull-requests/1/from"));
        Assert.Single(await EventsAsync(server, "pr:declined", "states"));
        Assert.Single(await EventsAsync(server, "pr:deleted", "states"));
    }

    [Theory]
    [AllDatabases]
    public async Task Lists_filter_by_state_direction_ref_text_and_participant_and_page_newest_first(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRL", "lists", Ct);
        var reviewer = "rev-list-" + provider;
        await server.CreateUserAsync(reviewer, Ct);
        await server.GrantRepositoryAsync("PRL", "lists", reviewer, "REPO_READ", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("alpha", "alpha", Ct);
        await repo.PushAsync("beta", "beta", Ct);
        await repo.OpenAsync(admin, Ct, title: "Feature work");
        await repo.OpenAsync(admin, Ct, from: "alpha", title: "Alpha work", reviewers: [reviewer]);
        await repo.OpenAsync(admin, Ct, from: "beta", to: "alpha", title: "Beta into alpha");

        async Task<List<long>> IdsAsync(string query) =>
            (await (await admin.GetAsync(repo.PullRequests + query, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).Values().EnumerateArray()
                .Select(p => p.GetProperty("id").GetInt64()).ToList();

        Assert.Equal([3L, 2L, 1L], await IdsAsync(""));
        Assert.Equal([1L, 2L, 3L], await IdsAsync("?order=OLDEST"));
        Assert.Equal([2L, 1L], await IdsAsync("?at=refs/heads/main&direction=INCOMING"));
        Assert.Equal([3L], await IdsAsync("?at=beta&direction=OUTGOING"));
        Assert.Equal([2L], await IdsAsync("?filterText=alpha%20WORK"));
        Assert.Equal([2L], await IdsAsync($"?username.1={reviewer}&role.1=REVIEWER"));
        Assert.Equal([3L, 2L, 1L], await IdsAsync("?username.1=admin&role.1=AUTHOR"));
        Assert.Empty(await IdsAsync($"?username.1={reviewer}&approved.1=true"));
        var firstPage = await (await admin.GetAsync(repo.PullRequests + "?limit=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.False(firstPage.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(2, firstPage.GetProperty("nextPageStart").GetInt32());
        Assert.Equal([1L], await IdsAsync("?start=2&limit=2"));
        await (await admin.GetAsync(repo.PullRequests + "?state=SOMETIMES", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync(repo.PullRequests + "?order=RANDOM", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task A_pull_request_from_a_fork_brings_its_commits_into_the_target_under_a_hidden_ref(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRL", "upstream", Ct);
        var forker = "forker-" + provider;
        await server.CreateUserAsync(forker, Ct);
        await server.GrantRepositoryAsync("PRL", "upstream", forker, "REPO_READ", Ct);
        using var user = server.Client(forker);
        var fork = await (await user.PostAsJsonAsync(repo.Api, new { name = "upstream-fork" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var forkKey = fork.GetProperty("project").GetProperty("key").GetString()!;
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "-b", "fork-work", repo.MainHead);
        await repo.Tree.WriteAsync("fork.txt", "from the fork\n");
        var forkHead = await repo.Tree.CommitAsync("fork change", Ct);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", server.CloneUrl(forkKey, "upstream-fork", forker), "fork-work");

        var pr = await (await user.PostAsJsonAsync(repo.PullRequests, new
        {
            title = "From my fork",
            fromRef = new { id = "refs/heads/fork-work", repository = new { slug = "upstream-fork", project = new { key = forkKey } } },
            toRef = new { id = "refs/heads/main", repository = new { slug = repo.Slug, project = new { key = repo.Key } } },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var work = Directory.CreateTempSubdirectory("githost-pr-fetch-").FullName;
        await GitCli.RunAsync(work, ["init", "--quiet"], Ct);
        var fetched = await GitCli.RunAsync(work, ["fetch", "--quiet", repo.Url, "+refs/pull-requests/1/from:refs/remotes/origin/PR-1"], Ct);

        Assert.Equal(forkKey, pr.GetProperty("fromRef").GetProperty("repository").GetProperty("project").GetProperty("key").GetString());
        Assert.Equal("upstream", pr.GetProperty("toRef").GetProperty("repository").GetProperty("slug").GetString());
        Assert.True(fetched.ExitCode == 0, fetched.StandardError);
        Assert.Equal(forkHead, (await GitCli.RunAsync(work, ["rev-parse", "refs/remotes/origin/PR-1"], Ct)).StandardOutput.Trim());
    }

    private static Task<HttpResponseMessage> Delete(HttpClient client, string url, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = JsonContent.Create(body) }, Ct);

    private static async Task<string?> HiddenRefAsync(GitHostTestServer server, PullRequestRepo repo, string name)
    {
        var path = server.RepositoryPath(repo.Id);
        var result = await GitCli.RunAsync(path, ["--git-dir", path, "rev-parse", "--verify", "--quiet", name], Ct);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    /// <summary>The payloads of <paramref name="eventKey"/> events about pull requests into repository <paramref name="slug"/>.</summary>
    internal static async Task<List<string>> EventsAsync(GitHostTestServer server, string eventKey, string slug)
    {
        var payloads = await server.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.EventKey == eventKey).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync(Ct));
        return payloads.Where(p => JsonDocument.Parse(p).RootElement.GetProperty("pullRequest").GetProperty("toRef").GetProperty("repository").GetProperty("slug").GetString() == slug).ToList();
    }
}
