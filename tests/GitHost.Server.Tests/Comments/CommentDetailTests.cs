using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Comments;

/// <summary>Reaction summaries in comment JSON, what a mention does to the participants, and the commit comments' <c>since</c>.</summary>
public sealed class CommentDetailTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Likes = "/rest/comment-likes/1.0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Comment_json_carries_its_reactions_in_properties(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var suffix = provider.ToString().ToLowerInvariant();
        using var repo = await PullRequestRepo.CreateAsync(server, "CDR", "reacted-" + suffix, Ct);
        await repo.AddReaderAsync("cdr-a-" + suffix, Ct);
        await repo.AddReaderAsync("cdr-b-" + suffix, Ct);
        using var admin = server.AdminClient();
        using var first = server.Client("cdr-a-" + suffix);
        using var second = server.Client("cdr-b-" + suffix);
        await repo.OpenAsync(admin, Ct);
        var comment = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/comments", new { text = "Ship it?" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var id = comment.GetProperty("id").GetInt64();
        var reply = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/comments", new { text = "Yes", parent = new { id } }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var reactions = $"{Likes}/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/1/comments";

        await (await first.PutAsync($"{reactions}/{id}/reactions/thumbsup", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await second.PutAsync($"{reactions}/{id}/reactions/thumbsup", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await second.PutAsync($"{reactions}/{id}/reactions/heart", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await first.PutAsync($"{reactions}/{reply.GetProperty("id").GetInt64()}/reactions/tada", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var read = await (await admin.GetAsync($"{repo.PullRequests}/1/comments/{id}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var summary = read.GetProperty("properties").GetProperty("reactions").EnumerateArray().ToList();
        var thumbs = Assert.Single(summary, r => r.GetProperty("emoticon").GetProperty("shortcut").GetString() == "thumbsup");
        Assert.Equal(["cdr-a-" + suffix, "cdr-b-" + suffix], thumbs.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("\U0001F44D", thumbs.GetProperty("emoticon").GetProperty("value").GetString());
        Assert.Contains(summary, r => r.GetProperty("emoticon").GetProperty("shortcut").GetString() == "heart");
        var replyReactions = read.GetProperty("comments")[0].GetProperty("properties").GetProperty("reactions");
        Assert.Equal("tada", replyReactions[0].GetProperty("emoticon").GetProperty("shortcut").GetString());
        Assert.False(comment.GetProperty("properties").TryGetProperty("reactions", out _));
    }

    /// <summary>
    /// Bitbucket notifies a mentioned user (its notification docs) but makes participants only of those
    /// who act on the pull request (comment, approve, review); a mention alone adds nobody.
    /// </summary>
    [Fact]
    public async Task A_mentioned_user_does_not_become_a_participant()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "CDM", "mentioned", Ct);
        await repo.AddReaderAsync("cdm-named", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/comments", new { text = "@cdm-named please look" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var participants = await (await admin.GetAsync(repo.PullRequests + "/1/participants", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.DoesNotContain(participants.GetProperty("values").EnumerateArray(), p => p.GetProperty("user").GetProperty("name").GetString() == "cdm-named");
    }

    [Fact]
    public async Task Commit_comments_are_filtered_by_the_diff_they_were_made_on()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "CDS", "since", Ct);
        using var admin = server.AdminClient();
        var mainHead = await repo.PushAsync("main", "main moves on", Ct);
        await repo.OpenAsync(admin, Ct);
        var merged = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/merge?version=0", new { }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var merge = merged.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString()!;
        var comments = $"{repo.Api}/commits/{merge}/comments";

        await (await admin.PostAsJsonAsync(comments + "?since=" + mainHead, new { text = "on the feature's change", anchor = new { path = "src/app.txt" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PostAsJsonAsync(comments + "?since=" + repo.FeatureHead, new { text = "on main's change", anchor = new { path = "src/more.txt" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var all = await ListAsync(admin, comments);
        var fromMain = await ListAsync(admin, comments + "?since=" + mainHead);
        var fromFeature = await ListAsync(admin, comments + "?since=" + repo.FeatureHead[..12]);
        await (await admin.GetAsync(comments + "?since=0000000000000000000000000000000000000000", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(comments + "?since=--output%3D%2Ftmp%2Fx", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(2, all.Count);
        Assert.Equal(["on the feature's change"], fromMain);
        Assert.Equal(["on main's change"], fromFeature);
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string url) =>
        (await (await client.GetAsync(url, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("values").EnumerateArray()
            .Select(c => c.GetProperty("text").GetString()!).ToList();
}
