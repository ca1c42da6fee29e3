using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>
/// A plain list pages from the ids the node keeps for the repository and state: every page, in both
/// orders and for every state, must follow each open, state change and delete at once, whichever
/// door made it (REST, a push that merges or declines, another node writing the database).
/// </summary>
public sealed class PullRequestListPagingTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const int PageSize = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Every_page_follows_opens_state_changes_and_deletes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRL", "paging", Ct);
        using var admin = server.AdminClient();
        var states = new SortedDictionary<long, string>();
        for (var i = 1; i <= 7; i++)
        {
            await OpenTopicAsync(repo, admin, i, states);
        }

        await AssertListsAsync(admin, repo, states);

        await (await admin.PostAsync($"{repo.PullRequests}/3/decline?version=0", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        states[3] = "DECLINED";
        await AssertListsAsync(admin, repo, states);

        await (await admin.PostAsJsonAsync($"{repo.PullRequests}/3/reopen", new { version = 1 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        states[3] = "OPEN";
        await AssertListsAsync(admin, repo, states);

        await (await admin.PostAsJsonAsync($"{repo.PullRequests}/5/merge?version=0", new { }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        states[5] = "MERGED";
        await AssertListsAsync(admin, repo, states);

        // The merge moved main, which rescoped (and so versioned) the other open pull requests.
        var version = (await (await admin.GetAsync($"{repo.PullRequests}/2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("version").GetInt32();
        using (var deleted = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{repo.PullRequests}/2") { Content = JsonContent.Create(new { version }) }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        states.Remove(2);
        await AssertListsAsync(admin, repo, states);

        await OpenTopicAsync(repo, admin, 8, states);
        await AssertListsAsync(admin, repo, states);

        // Deleting a source branch declines its pull request (rescoping after the ref change).
        using (var branchDeleted = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/rest/branch-utils/1.0/projects/{repo.Key}/repos/{repo.Slug}/branches")
        {
            Content = JsonContent.Create(new { name = "topic-6" }),
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, branchDeleted.StatusCode);
        }

        states[6] = "DECLINED";
        await AssertListsAsync(admin, repo, states);

        // A push that puts a topic's commit on main merges its pull request.
        await repo.Tree.GitAsync(Ct, "fetch", "--quiet", repo.Url, "main");
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "-B", "with-topic-4", "FETCH_HEAD");
        await repo.Tree.GitAsync(Ct, "merge", "--quiet", "--no-edit", "topic-4");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "with-topic-4:main");
        states[4] = "MERGED";
        await AssertListsAsync(admin, repo, states);
    }

    [Theory]
    [AllDatabases]
    public async Task A_change_another_node_committed_is_seen_on_the_next_page(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRN", "nodes", Ct);
        using var admin = server.AdminClient();
        var states = new SortedDictionary<long, string>();
        for (var i = 1; i <= 4; i++)
        {
            await OpenTopicAsync(repo, admin, i, states);
        }

        await AssertListsAsync(admin, repo, states);

        // What another node's decline writes: the state and the list stamp, in one transaction.
        await server.WithDatabaseAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.PullRequests.Where(p => p.RepositoryId == repo.Id && p.Number == 2)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PullRequestState.Declined), Ct);
            await db.Repositories.Where(r => r.Id == repo.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.PullRequestListStamp, r => r.PullRequestListStamp + 1), Ct);
            await transaction.CommitAsync(Ct);
            return true;
        });
        states[2] = "DECLINED";
        await AssertListsAsync(admin, repo, states);

        // A state change whose stamp is not visible yet (it is read before the list): the kept list
        // still names the pull request, but a page never shows it under its old state.
        await server.WithDatabaseAsync(db => db.PullRequests.Where(p => p.RepositoryId == repo.Id && p.Number == 3)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PullRequestState.Merged), Ct));
        var open = await ListAsync(admin, repo, "OPEN", "NEWEST");
        Assert.Equal([4L, 1L], open);
    }

    private static async Task OpenTopicAsync(PullRequestRepo repo, HttpClient admin, int topic, SortedDictionary<long, string> states)
    {
        await repo.PushAsync("topic-" + topic, "topic " + topic, Ct, file: $"src/topic-{topic}.txt");
        var opened = await repo.OpenAsync(admin, Ct, from: "topic-" + topic, title: "Topic " + topic);
        states[opened.GetProperty("id").GetInt64()] = "OPEN";
    }

    private static async Task AssertListsAsync(HttpClient client, PullRequestRepo repo, SortedDictionary<long, string> states)
    {
        foreach (var state in new[] { "OPEN", "DECLINED", "MERGED", "ALL" })
        {
            var expectedOldest = states.Where(s => state == "ALL" || s.Value == state).Select(s => s.Key).ToList();
            Assert.Equal(expectedOldest, await ListAsync(client, repo, state, "OLDEST"));
            Assert.Equal(Enumerable.Reverse(expectedOldest), await ListAsync(client, repo, state, "NEWEST"));

            var beyond = await (await client.GetAsync($"{repo.PullRequests}?state={state}&start=100&limit={PageSize}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
            Assert.Equal(0, beyond.GetProperty("size").GetInt32());
            Assert.True(beyond.GetProperty("isLastPage").GetBoolean());
        }
    }

    /// <summary>Every page of one list, checking each page's size, paging fields and states on the way.</summary>
    private static async Task<List<long>> ListAsync(HttpClient client, PullRequestRepo repo, string state, string order)
    {
        var ids = new List<long>();
        for (var start = 0; ; )
        {
            var page = await (await client.GetAsync($"{repo.PullRequests}?state={state}&order={order}&start={start}&limit={PageSize}", Ct))
                .ExpectAsync(HttpStatusCode.OK, Ct);
            var values = page.GetProperty("values").EnumerateArray().ToList();
            Assert.Equal(start, page.GetProperty("start").GetInt32());
            Assert.Equal(values.Count, page.GetProperty("size").GetInt32());
            Assert.All(values, v => Assert.True(state == "ALL" || v.GetProperty("state").GetString() == state, $"{state} list shows {v.GetRawText()[..80]}"));
            ids.AddRange(values.Select(v => v.GetProperty("id").GetInt64()));
            if (page.GetProperty("isLastPage").GetBoolean())
            {
                Assert.False(page.TryGetProperty("nextPageStart", out var next) && next.ValueKind != JsonValueKind.Null);
                return ids;
            }

            Assert.Equal(PageSize, values.Count);
            start = page.GetProperty("nextPageStart").GetInt32();
            Assert.Equal(ids.Count, start);
        }
    }
}
