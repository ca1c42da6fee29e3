using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Comments;

/// <summary>
/// Comments on a commit: the <c>feature</c> head changes <c>src/app.txt</c> from "one two three" to
/// "one 2 three four" (line 2 of TO is ADDED), so a line comment anchors on that commit's diff.
/// </summary>
public sealed class CommitCommentTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_reader_comments_on_a_commit_replies_edits_and_deletes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reader = "committer-" + provider;
        using var repo = await PullRequestRepo.CreateAsync(server, "CCM", "commits", Ct);
        await repo.AddReaderAsync(reader, Ct);
        using var user = server.Client(reader);
        using var admin = server.AdminClient();
        var comments = $"{repo.Api}/commits/{repo.FeatureHead}/comments";

        var line = await (await user.PostAsJsonAsync(comments, new
        {
            text = "Why 2?",
            anchor = new { path = "src/app.txt", line = 2, lineType = "ADDED", fileType = "TO" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var general = await (await user.PostAsJsonAsync(comments, new { text = "Nice commit." }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var lineId = line.GetProperty("id").GetInt64();
        var reply = await (await admin.PostAsJsonAsync(comments, new { text = "Because.", parent = new { id = lineId } }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var onPath = await (await user.GetAsync(comments + "?path=src/app.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var every = await (await user.GetAsync(comments, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var otherCommit = await (await user.GetAsync($"{repo.Api}/commits/{repo.MainHead}/comments", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var edited = await (await user.PutAsJsonAsync($"{comments}/{general.GetProperty("id").GetInt64()}", new { text = "Nice commit!", version = 0 }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        await (await user.PutAsJsonAsync($"{comments}/{general.GetProperty("id").GetInt64()}", new { text = "stale", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.PutAsJsonAsync($"{comments}/{lineId}", new { text = "admin's", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await user.DeleteAsync($"{comments}/{lineId}?version=0", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.DeleteAsync($"{comments}/{reply.GetProperty("id").GetInt64()}?version=0", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await user.DeleteAsync($"{comments}/{lineId}?version=0", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await user.GetAsync($"{comments}/{lineId}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        // A pull request's comment is not a commit's, even with the same id.
        await (await user.GetAsync($"{repo.Api}/commits/{repo.MainHead}/comments/{general.GetProperty("id").GetInt64()}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        var anchor = line.GetProperty("anchor");
        Assert.Equal("COMMIT", anchor.GetProperty("diffType").GetString());
        Assert.Equal(repo.FeatureHead, anchor.GetProperty("toHash").GetString());
        Assert.Equal(repo.MainHead, anchor.GetProperty("fromHash").GetString());
        Assert.Equal(reader, line.GetProperty("author").GetProperty("name").GetString());
        Assert.True(line.GetProperty("permittedOperations").GetProperty("editable").GetBoolean());
        Assert.Equal([lineId], onPath.Values().EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal("Because.", onPath.Values()[0].GetProperty("comments")[0].GetProperty("text").GetString());
        Assert.Equal(2, every.Values().GetArrayLength());
        Assert.Empty(otherCommit.Values().EnumerateArray());
        Assert.Equal(1, edited.GetProperty("version").GetInt32());
        var events = await server.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventKey.StartsWith("repo:comment:")).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync(Ct));
        var mine = events.Select(p => JsonDocument.Parse(p).RootElement).Where(p => p.GetProperty("repository").GetProperty("slug").GetString() == repo.Slug).ToList();
        Assert.Equal(["repo:comment:added", "repo:comment:added", "repo:comment:added", "repo:comment:edited", "repo:comment:deleted", "repo:comment:deleted"],
            mine.Select(p => p.GetProperty("eventKey").GetString()));
        Assert.Equal(repo.FeatureHead, mine[0].GetProperty("commit").GetString());
        Assert.Equal(reader, mine[0].GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal("Nice commit.", mine[3].GetProperty("previousComment").GetString());
        Assert.Equal(lineId, mine[2].GetProperty("commentParentId").GetInt64());
    }

    [Theory]
    [AllDatabases]
    public async Task Bad_commits_anchors_and_bodies_are_refused_clearly(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "CCM", "refused", Ct);
        using var admin = server.AdminClient();
        using var anonymous = server.Client();
        var comments = $"{repo.Api}/commits/{repo.FeatureHead}/comments";

        var missing = await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{new string('a', 40)}/comments", new { text = "hello" }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync($"{repo.Api}/commits/..%2F..%2Fetc/comments", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync($"{repo.Api}/commits/{new string('f', 2000)}/comments", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var offDiff = await (await admin.PostAsJsonAsync(comments, new { text = "x", anchor = new { path = "README.md", line = 1 } }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var badLine = await (await admin.PostAsJsonAsync(comments, new { text = "x", anchor = new { path = "src/app.txt", line = 900 } }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var huge = await (await admin.PostAsJsonAsync(comments, new { text = new string('x', 40_000) }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        using var malformed = new StringContent("{\"text\": [", Encoding.UTF8, "application/json");
        await (await admin.PostAsync(comments, malformed, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsJsonAsync(comments, new { text = "lost", parent = new { id = 999_999 } }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await anonymous.PostAsJsonAsync(comments, new { text = "hi" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var created = await (await admin.PostAsJsonAsync(comments, new { text = "<script>alert(1)</script> **ok**" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var noVersion = await (await admin.PutAsJsonAsync($"{comments}/{created.GetProperty("id").GetInt64()}", new { text = "y" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var html = await (await admin.GetAsync($"{comments}/{created.GetProperty("id").GetInt64()}?markup=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("com.atlassian.bitbucket.commit.NoSuchCommitException", missing.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal("anchor.path", offDiff.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("anchor.line", badLine.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("text", huge.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("version", noVersion.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.DoesNotContain("<script", html.GetProperty("html").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
