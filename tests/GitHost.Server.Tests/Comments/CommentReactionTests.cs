using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Comments;

/// <summary>Emoticon reactions on pull request and commit comments through <c>/rest/comment-likes/1.0</c>.</summary>
public sealed class CommentReactionTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Likes = "/rest/comment-likes/1.0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_reader_reacts_once_per_emoticon_and_takes_it_back(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reader = "reacting-" + provider;
        using var repo = await PullRequestRepo.CreateAsync(server, "CRE", "reactions", Ct);
        await repo.AddReaderAsync(reader, Ct);
        using var admin = server.AdminClient();
        using var user = server.Client(reader);
        await repo.OpenAsync(admin, Ct);
        var comment = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/comments", new { text = "Ship it?" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var commitComment = await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{repo.FeatureHead}/comments", new { text = "Nice" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var id = comment.GetProperty("id").GetInt64();
        var reaction = $"{Likes}/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/1/comments/{id}/reactions";
        var commitReaction = $"{Likes}/projects/{repo.Key}/repos/{repo.Slug}/commits/{repo.FeatureHead}/comments/{commitComment.GetProperty("id").GetInt64()}/reactions";

        var liked = await (await user.PutAsync(reaction + "/thumbsup", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await user.PutAsync(reaction + "/thumbsup", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await user.PutAsync(reaction + "/heart", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await user.PutAsync(commitReaction + "/tada", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var afterAdds = await CountAsync(server, id);
        await (await user.DeleteAsync(reaction + "/heart", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await user.DeleteAsync(reaction + "/heart", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var afterRemove = await CountAsync(server, id);

        Assert.Equal("thumbsup", liked.GetProperty("emoticon").GetProperty("shortcut").GetString());
        Assert.Equal("\U0001F44D", liked.GetProperty("emoticon").GetProperty("value").GetString());
        Assert.Equal(reader, liked.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(id, liked.GetProperty("comment").GetProperty("id").GetInt64());
        Assert.Equal(2, afterAdds);
        Assert.Equal(1, afterRemove);
        // Latest is the same module as 1.0.
        await (await user.DeleteAsync($"/rest/comment-likes/latest/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/1/comments/{id}/reactions/thumbsup", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        Assert.Equal(0, await CountAsync(server, id));
    }

    [Theory]
    [AllDatabases]
    public async Task Unknown_emoticons_comments_and_callers_are_refused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "CRE", "refused", Ct);
        using var admin = server.AdminClient();
        using var anonymous = server.Client();
        await repo.OpenAsync(admin, Ct);
        var comment = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/comments", new { text = "Ship it?" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var reactions = $"{Likes}/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/1/comments/{comment.GetProperty("id").GetInt64()}/reactions";

        var unknown = await (await admin.PutAsync(reactions + "/%3Cscript%3E", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var huge = await (await admin.PutAsync(reactions + "/" + new string('x', 5000), null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsync($"{Likes}/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/1/comments/999999/reactions/thumbsup", null, Ct))
            .ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PutAsync($"{Likes}/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/77/comments/1/reactions/thumbsup", null, Ct))
            .ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await anonymous.PutAsync(reactions + "/thumbsup", null, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal("emoticon", unknown.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.True(huge.GetProperty("errors")[0].GetProperty("message").GetString()!.Length < 1000);
    }

    private static Task<int> CountAsync(GitHostTestServer server, long commentId) =>
        server.WithDatabaseAsync(db => db.CommentReactions.AsNoTracking().CountAsync(r => r.CommentId == commentId, Ct));
}
