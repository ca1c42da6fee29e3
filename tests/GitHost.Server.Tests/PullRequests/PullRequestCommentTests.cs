using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>
/// Comments on a pull request over REST against a real pushed change: <c>src/app.txt</c> goes from
/// "one two three" to "one 2 three four", so line 2 of the TO side is ADDED and line 2 of FROM is REMOVED.
/// </summary>
public sealed class PullRequestCommentTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task An_inline_comment_on_an_added_line_is_anchored_listed_recorded_and_announced(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reader = "inline-" + provider;
        using var repo = await CommentedRepoAsync(server, "inline", reader);
        using var admin = server.AdminClient();
        using var user = server.Client(reader);
        var pr = repo.PullRequests + "/1";

        var created = await (await user.PostAsJsonAsync(pr + "/comments", new
        {
            text = "Why **2** and not two?",
            anchor = new { path = "src/app.txt", line = 2, lineType = "ADDED", fileType = "TO", diffType = "EFFECTIVE" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var removedSide = await (await user.PostAsJsonAsync(pr + "/comments", new
        {
            text = "This one goes.",
            anchor = new { path = "src/app.txt", line = 2, lineType = "REMOVED" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var general = await (await user.PostAsJsonAsync(pr + "/comments", new { text = "Looks fine overall." }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var listed = await (await user.GetAsync(pr + "/comments?path=src/app.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var withoutPath = await (await user.GetAsync(pr + "/comments", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var activities = await (await admin.GetAsync(pr + "/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var events = await PullRequestLifecycleTests.EventsAsync(server, "pr:comment:added", repo.Slug);

        var anchor = created.GetProperty("anchor");
        Assert.Equal("src/app.txt", anchor.GetProperty("path").GetString());
        Assert.Equal(2, anchor.GetProperty("line").GetInt32());
        Assert.Equal("ADDED", anchor.GetProperty("lineType").GetString());
        Assert.Equal("TO", anchor.GetProperty("fileType").GetString());
        Assert.Equal(repo.FeatureHead, anchor.GetProperty("toHash").GetString());
        Assert.Equal(repo.MainHead, anchor.GetProperty("fromHash").GetString());
        Assert.Equal(0, created.GetProperty("version").GetInt32());
        Assert.Equal("NORMAL", created.GetProperty("severity").GetString());
        Assert.Equal(reader, created.GetProperty("author").GetProperty("name").GetString());
        Assert.True(created.GetProperty("permittedOperations").GetProperty("editable").GetBoolean());
        Assert.Equal("FROM", removedSide.GetProperty("anchor").GetProperty("fileType").GetString());
        Assert.False(general.TryGetProperty("anchor", out _));
        Assert.Equal([created.GetProperty("id").GetInt64(), removedSide.GetProperty("id").GetInt64()],
            listed.Values().EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal("path", withoutPath.GetProperty("errors")[0].GetProperty("context").GetString());
        var commented = activities.Values().EnumerateArray().Where(a => a.GetProperty("action").GetString() == "COMMENTED").ToList();
        Assert.Equal(3, commented.Count);
        Assert.All(commented, a => Assert.Equal("ADDED", a.GetProperty("commentAction").GetString()));
        Assert.Equal("Why **2** and not two?", commented[^1].GetProperty("comment").GetProperty("text").GetString());
        Assert.Equal("src/app.txt", commented[^1].GetProperty("commentAnchor").GetProperty("path").GetString());
        Assert.Equal(3, events.Count);
        var added = JsonDocument.Parse(events[0]).RootElement;
        Assert.Equal(created.GetProperty("id").GetInt64(), added.GetProperty("comment").GetProperty("id").GetInt64());
        Assert.Equal(reader, added.GetProperty("actor").GetProperty("name").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task A_comment_on_a_line_or_file_the_diff_does_not_show_is_refused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await CommentedRepoAsync(server, "anchors", "anchors-" + provider);
        using var admin = server.AdminClient();
        var comments = repo.PullRequests + "/1/comments";

        async Task<string?> RefusedAsync(object anchor)
        {
            var refused = await (await admin.PostAsJsonAsync(comments, new { text = "where?", anchor }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
            return refused.GetProperty("errors")[0].GetProperty("context").GetString();
        }

        Assert.Equal("anchor.line", await RefusedAsync(new { path = "src/app.txt", line = 400, lineType = "ADDED", fileType = "TO" }));
        Assert.Equal("anchor.lineType", await RefusedAsync(new { path = "src/app.txt", line = 2, lineType = "CONTEXT", fileType = "TO" }));
        Assert.Equal("anchor.path", await RefusedAsync(new { path = "README.md", line = 1 }));
        Assert.Equal("anchor.path", await RefusedAsync(new { line = 1 }));
        Assert.Equal("anchor.diffType", await RefusedAsync(new { path = "src/app.txt", line = 2, diffType = "SIDEWAYS" }));
        Assert.Equal("anchor.line", await RefusedAsync(new { path = "src/app.txt", line = -3 }));
        Assert.Equal("anchor.fromHash", await RefusedAsync(new { path = "src/app.txt", line = 2, diffType = "COMMIT" }));
        var fileComment = await (await admin.PostAsJsonAsync(comments, new { text = "the whole file", anchor = new { path = "src/app.txt" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var commitDiff = await (await admin.PostAsJsonAsync(comments, new
        {
            text = "on the commit",
            anchor = new { path = "src/app.txt", line = 4, lineType = "ADDED", diffType = "COMMIT", fromHash = repo.MainHead, toHash = repo.FeatureHead },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var multiline = await (await admin.PostAsJsonAsync(comments, new
        {
            text = "these lines",
            anchor = new { path = "src/app.txt", line = 4, lineType = "ADDED", multilineMarker = new { startLine = 2, startLineType = "ADDED" } },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.False(fileComment.GetProperty("anchor").TryGetProperty("line", out _));
        Assert.Equal("COMMIT", commitDiff.GetProperty("anchor").GetProperty("diffType").GetString());
        Assert.Equal(2, multiline.GetProperty("anchor").GetProperty("multilineStartLine").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task Replies_nest_under_their_parent_and_a_comment_with_replies_stays(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await CommentedRepoAsync(server, "replies", "replies-" + provider);
        using var admin = server.AdminClient();
        var comments = repo.PullRequests + "/1/comments";

        var root = await (await admin.PostAsJsonAsync(comments, new { text = "first" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var rootId = root.GetProperty("id").GetInt64();
        var reply = await (await admin.PostAsJsonAsync(comments, new { text = "second", parent = new { id = rootId } }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var replyId = reply.GetProperty("id").GetInt64();
        await (await admin.PostAsJsonAsync(comments, new { text = "third", parent = new { id = replyId } }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var missingParent = await (await admin.PostAsJsonAsync(comments, new { text = "lost", parent = new { id = 999_999 } }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var thread = await (await admin.GetAsync($"{comments}/{rootId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var withReplies = await (await admin.DeleteAsync($"{comments}/{rootId}?version=0", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var leafId = thread.GetProperty("comments")[0].GetProperty("comments")[0].GetProperty("id").GetInt64();
        await (await admin.DeleteAsync($"{comments}/{leafId}?version=0", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var afterDelete = await (await admin.GetAsync($"{comments}/{rootId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var deletedEvent = JsonDocument.Parse((await PullRequestLifecycleTests.EventsAsync(server, "pr:comment:deleted", repo.Slug)).Single()).RootElement;
        var replyEvent = JsonDocument.Parse((await PullRequestLifecycleTests.EventsAsync(server, "pr:comment:added", repo.Slug))[1]).RootElement;

        Assert.Equal("second", thread.GetProperty("comments")[0].GetProperty("text").GetString());
        Assert.Equal("third", thread.GetProperty("comments")[0].GetProperty("comments")[0].GetProperty("text").GetString());
        Assert.False(thread.GetProperty("permittedOperations").GetProperty("deletable").GetBoolean());
        Assert.Equal(CommentFailureNames.NoSuchComment, missingParent.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(CommentFailureNames.Deletion, withReplies.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Empty(afterDelete.GetProperty("comments")[0].GetProperty("comments").EnumerateArray());
        Assert.Equal(leafId, deletedEvent.GetProperty("comment").GetProperty("id").GetInt64());
        Assert.Equal(replyId, deletedEvent.GetProperty("commentParentId").GetInt64());
        Assert.Equal(rootId, replyEvent.GetProperty("commentParentId").GetInt64());
    }

    [Theory]
    [AllDatabases]
    public async Task Edits_name_the_version_and_only_the_author_edits_the_text(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reader = "editor-" + provider;
        using var repo = await CommentedRepoAsync(server, "edits", reader);
        using var admin = server.AdminClient();
        using var user = server.Client(reader);
        var comments = repo.PullRequests + "/1/comments";
        var created = await (await user.PostAsJsonAsync(comments, new { text = "frist" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var one = $"{comments}/{created.GetProperty("id").GetInt64()}";

        var edited = await (await user.PutAsJsonAsync(one, new { text = "first", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var stale = await (await user.PutAsJsonAsync(one, new { text = "again", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var noVersion = await (await user.PutAsJsonAsync(one, new { text = "again" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var byAdmin = await (await admin.PutAsJsonAsync(one, new { text = "admin's words", version = 1 }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var staleDelete = await (await user.DeleteAsync(one + "?version=0", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var adminView = await (await admin.GetAsync(one, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var editedEvent = JsonDocument.Parse((await PullRequestLifecycleTests.EventsAsync(server, "pr:comment:edited", repo.Slug)).Single()).RootElement;
        var activities = await (await admin.GetAsync(repo.PullRequests + "/1/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync(one + "?version=1", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        Assert.Equal(1, edited.GetProperty("version").GetInt32());
        Assert.Equal("first", edited.GetProperty("text").GetString());
        Assert.Equal(CommentFailureNames.OutOfDate, stale.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(1, stale.GetProperty("errors")[0].GetProperty("currentVersion").GetInt32());
        Assert.Equal("version", noVersion.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", byAdmin.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(CommentFailureNames.OutOfDate, staleDelete.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.False(adminView.GetProperty("permittedOperations").GetProperty("editable").GetBoolean());
        Assert.True(adminView.GetProperty("permittedOperations").GetProperty("deletable").GetBoolean());
        Assert.Equal("frist", editedEvent.GetProperty("previousComment").GetString());
        Assert.Equal("first", editedEvent.GetProperty("comment").GetProperty("text").GetString());
        Assert.Contains(activities.Values().EnumerateArray(), a => a.TryGetProperty("commentAction", out var action) && action.GetString() == "EDITED");
    }

    [Theory]
    [AllDatabases]
    public async Task A_reader_who_did_not_write_a_comment_neither_edits_nor_deletes_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reader = "other-" + provider;
        using var repo = await CommentedRepoAsync(server, "others", reader);
        using var admin = server.AdminClient();
        using var user = server.Client(reader);
        var comments = repo.PullRequests + "/1/comments";
        var created = await (await admin.PostAsJsonAsync(comments, new { text = "admin's", severity = "BLOCKER" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var one = $"{comments}/{created.GetProperty("id").GetInt64()}";

        await (await user.PutAsJsonAsync(one, new { text = "mine now", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await user.PutAsJsonAsync(one, new { state = "RESOLVED", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await user.DeleteAsync(one + "?version=0", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        using var anonymous = server.Client();
        await (await anonymous.PostAsJsonAsync(comments, new { text = "hello" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var unchanged = await (await admin.GetAsync(one, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("admin's", unchanged.GetProperty("text").GetString());
        Assert.Equal("OPEN", unchanged.GetProperty("state").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Hostile_markdown_is_rendered_harmless(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await CommentedRepoAsync(server, "hostile", "hostile-" + provider);
        using var admin = server.AdminClient();
        const string Hostile = "**bold** <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> ![i](javascript:alert(4)) [ok](https://example.com)";

        var created = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/comments?markup=true", new { text = Hostile }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        using var body = new StringContent(Hostile, Encoding.UTF8, "text/plain");
        var preview = await (await admin.PostAsync("/rest/api/1.0/markup/preview", body, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        foreach (var html in new[] { created.GetProperty("html").GetString()!, preview.GetProperty("html").GetString()! })
        {
            Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
            Assert.Contains("href=\"https://example.com\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("<[^>]*(onerror|script)", html);
        }

        Assert.Equal(Hostile, created.GetProperty("text").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Empty_and_oversized_comments_are_refused_clearly(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await CommentedRepoAsync(server, "sizes", "sizes-" + provider);
        using var admin = server.AdminClient();
        var comments = repo.PullRequests + "/1/comments";

        var huge = await (await admin.PostAsJsonAsync(comments, new { text = new string('x', 1_000_000) }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var justOver = await (await admin.PostAsJsonAsync(comments, new { text = new string('x', 32_769) }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var blank = await (await admin.PostAsJsonAsync(comments, new { text = "   " }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        using var malformed = new StringContent("{\"text\": ", Encoding.UTF8, "application/json");
        await (await admin.PostAsync(comments, malformed, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsJsonAsync(comments, new { text = new string('x', 32_768) }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Contains("32768", huge.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("text", justOver.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("text", blank.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Tasks_are_opened_resolved_counted_and_filtered(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await CommentedRepoAsync(server, "tasks", "tasks-" + provider);
        using var admin = server.AdminClient();
        var pr = repo.PullRequests + "/1";

        var task = await (await admin.PostAsJsonAsync(pr + "/blocker-comments", new { text = "Add a test" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PostAsJsonAsync(pr + "/comments", new { text = "Rename it", severity = "BLOCKER" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var normal = await (await admin.PostAsJsonAsync(pr + "/comments", new { text = "Just a remark" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var taskUrl = $"{pr}/blocker-comments/{task.GetProperty("id").GetInt64()}";
        var open = await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var resolved = await (await admin.PutAsJsonAsync(taskUrl, new { state = "RESOLVED", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var after = await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var openOnes = await (await admin.GetAsync(pr + "/blocker-comments?state=OPEN", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var all = await (await admin.GetAsync(pr + "/blocker-comments", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var count = await (await admin.GetAsync(pr + "/blocker-comments?count=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.GetAsync($"{pr}/blocker-comments/{normal.GetProperty("id").GetInt64()}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PutAsJsonAsync(taskUrl, new { state = "DONE", version = 1 }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("BLOCKER", task.GetProperty("severity").GetString());
        Assert.Equal("OPEN", task.GetProperty("state").GetString());
        Assert.Equal(2, open.GetProperty("properties").GetProperty("openTaskCount").GetInt32());
        Assert.Equal("RESOLVED", resolved.GetProperty("state").GetString());
        Assert.Equal("admin", resolved.GetProperty("resolver").GetProperty("name").GetString());
        Assert.Equal(1, after.GetProperty("properties").GetProperty("openTaskCount").GetInt32());
        Assert.Equal(1, after.GetProperty("properties").GetProperty("resolvedTaskCount").GetInt32());
        Assert.Equal(["Rename it"], openOnes.Values().EnumerateArray().Select(t => t.GetProperty("text").GetString()));
        Assert.Equal(2, all.Values().GetArrayLength());
        Assert.Equal(1, count.GetProperty("OPEN").GetInt32());
        Assert.Equal(1, count.GetProperty("RESOLVED").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task A_review_keeps_its_comments_private_until_it_is_finished_or_discarded(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reader = "reviewing-" + provider;
        using var repo = await CommentedRepoAsync(server, "review", reader);
        using var admin = server.AdminClient();
        using var user = server.Client(reader);
        var pr = repo.PullRequests + "/1";

        var draft = await (await user.PostAsJsonAsync(pr + "/comments", new
        {
            text = "Draft: why 2?",
            state = "PENDING",
            anchor = new { path = "src/app.txt", line = 2, lineType = "ADDED" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var draftUrl = $"{pr}/comments/{draft.GetProperty("id").GetInt64()}";
        await (await admin.GetAsync(draftUrl, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var othersList = await (await admin.GetAsync(pr + "/comments?path=src/app.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var mine = await (await user.GetAsync(pr + "/review", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var eventsBefore = await PullRequestLifecycleTests.EventsAsync(server, "pr:comment:added", repo.Slug);
        var finished = await (await user.PutAsJsonAsync(pr + "/review", new { commentText = "Needs a little work.", participantStatus = "NEEDS_WORK" }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        var published = await (await admin.GetAsync(draftUrl, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var participants = await (await admin.GetAsync(pr + "/participants", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var eventsAfter = await PullRequestLifecycleTests.EventsAsync(server, "pr:comment:added", repo.Slug);

        await (await user.PostAsJsonAsync(pr + "/comments", new { text = "Second thoughts", state = "PENDING" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await user.DeleteAsync(pr + "/review", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var empty = await (await user.GetAsync(pr + "/review", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var activities = await (await admin.GetAsync(pr + "/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("PENDING", draft.GetProperty("state").GetString());
        Assert.Empty(othersList.Values().EnumerateArray());
        Assert.Equal("Draft: why 2?", Assert.Single(mine.Values().EnumerateArray()).GetProperty("text").GetString());
        Assert.Empty(eventsBefore);
        Assert.Equal(1, finished.GetProperty("publishedComments").GetInt32());
        Assert.Equal("OPEN", published.GetProperty("state").GetString());
        Assert.Equal(2, eventsAfter.Count);
        Assert.Contains(participants.Values().EnumerateArray(), p => p.GetProperty("status").GetString() == "NEEDS_WORK");
        Assert.Empty(empty.Values().EnumerateArray());
        var actions = activities.Values().EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("REVIEW_FINISHED", actions);
        Assert.Contains("REVIEW_DISCARDED", actions);
    }

    /// <summary>A repository with pull request 1 (feature → main) opened by the administrator, and a reader.</summary>
    private static async Task<PullRequestRepo> CommentedRepoAsync(GitHostTestServer server, string slug, string reader)
    {
        var repo = await PullRequestRepo.CreateAsync(server, "PRC", slug, Ct);
        await repo.AddReaderAsync(reader, Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        return repo;
    }

    private static class CommentFailureNames
    {
        public const string NoSuchComment = "com.atlassian.bitbucket.comment.NoSuchCommentException";
        public const string OutOfDate = "com.atlassian.bitbucket.comment.CommentOutOfDateException";
        public const string Deletion = "com.atlassian.bitbucket.comment.CommentDeletionException";
    }
}
