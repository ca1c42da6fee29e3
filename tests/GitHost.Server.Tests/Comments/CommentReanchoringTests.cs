using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Comments;

/// <summary>
/// A line comment follows its line through pushes to the source branch, and is outdated
/// (<c>orphaned</c>, listed only with <c>anchorState=ORPHANED</c>) once a push changes that line.
/// <c>src/app.txt</c> on <c>feature</c> is "one 2 three four": line 4 ("four") is ADDED.
/// </summary>
public sealed class CommentReanchoringTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_line_comment_moves_with_its_line_and_is_orphaned_when_the_line_changes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "CRA", "moves", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        var pr = repo.PullRequests + "/1";
        var created = await (await admin.PostAsJsonAsync(pr + "/comments", new
        {
            text = "Is four right?",
            anchor = new { path = "src/app.txt", line = 4, lineType = "ADDED", fileType = "TO" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var one = $"{pr}/comments/{created.GetProperty("id").GetInt64()}";

        var above = await PushAppAsync(repo, "zero\none\n2\nthree\nfour\n", "a line above");
        var moved = await (await admin.GetAsync(one, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var activeAfterMove = await (await admin.GetAsync(pr + "/comments?path=src/app.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await PushAppAsync(repo, "zero\none\n2\nthree\nFOUR\n", "the commented line");
        var outdated = await (await admin.GetAsync(one, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var active = await (await admin.GetAsync(pr + "/comments?path=src/app.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var orphaned = await (await admin.GetAsync(pr + "/comments?path=src/app.txt&anchorState=ORPHANED", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var all = await (await admin.GetAsync(pr + "/comments?path=src/app.txt&anchorState=ALL", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var activities = await (await admin.GetAsync(pr + "/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var movedAnchor = moved.GetProperty("anchor");
        Assert.Equal(5, movedAnchor.GetProperty("line").GetInt32());
        Assert.Equal("ADDED", movedAnchor.GetProperty("lineType").GetString());
        Assert.Equal(above, movedAnchor.GetProperty("toHash").GetString());
        Assert.False(movedAnchor.GetProperty("orphaned").GetBoolean());
        Assert.Single(activeAfterMove.Values().EnumerateArray());
        var outdatedAnchor = outdated.GetProperty("anchor");
        Assert.True(outdatedAnchor.GetProperty("orphaned").GetBoolean());
        Assert.Equal(5, outdatedAnchor.GetProperty("line").GetInt32());
        Assert.Equal(above, outdatedAnchor.GetProperty("toHash").GetString());
        Assert.Empty(active.Values().EnumerateArray());
        Assert.Equal(created.GetProperty("id").GetInt64(), Assert.Single(orphaned.Values().EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Single(all.Values().EnumerateArray());
        var commented = activities.Values().EnumerateArray().Single(a => a.GetProperty("action").GetString() == "COMMENTED");
        Assert.True(commented.GetProperty("commentAnchor").GetProperty("orphaned").GetBoolean());
        Assert.True(commented.GetProperty("comment").GetProperty("anchor").GetProperty("orphaned").GetBoolean());
        Assert.Equal(2, activities.Values().EnumerateArray().Count(a => a.GetProperty("action").GetString() == "RESCOPED"));
    }

    [Fact]
    public async Task Comments_on_removed_lines_and_fixed_diffs_are_left_alone_by_an_unrelated_push()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "CRA", "alone", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        var comments = repo.PullRequests + "/1/comments";
        var removed = await (await admin.PostAsJsonAsync(comments, new
        {
            text = "two was better",
            anchor = new { path = "src/app.txt", line = 2, lineType = "REMOVED", fileType = "FROM" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var onCommit = await (await admin.PostAsJsonAsync(comments, new
        {
            text = "on this commit",
            anchor = new { path = "src/app.txt", line = 2, lineType = "ADDED", diffType = "COMMIT", fromHash = repo.MainHead, toHash = repo.FeatureHead },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        await repo.PushAsync("feature", "elsewhere", Ct);

        var removedAfter = await (await admin.GetAsync($"{comments}/{removed.GetProperty("id").GetInt64()}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var commitAfter = await (await admin.GetAsync($"{comments}/{onCommit.GetProperty("id").GetInt64()}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.False(removedAfter.GetProperty("anchor").GetProperty("orphaned").GetBoolean());
        Assert.Equal(2, removedAfter.GetProperty("anchor").GetProperty("line").GetInt32());
        Assert.False(commitAfter.GetProperty("anchor").GetProperty("orphaned").GetBoolean());
        Assert.Equal(repo.FeatureHead, commitAfter.GetProperty("anchor").GetProperty("toHash").GetString());
    }

    private static async Task<string> PushAppAsync(PullRequestRepo repo, string content, string message)
    {
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "feature");
        await repo.Tree.WriteAsync("src/app.txt", content);
        var head = await repo.Tree.CommitAsync(message, Ct);
        (await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "feature")).EnsureSuccess();
        return head;
    }
}
