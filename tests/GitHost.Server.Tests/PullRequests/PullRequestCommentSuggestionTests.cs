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
/// Applying a comment's <c>```suggestion</c> over REST, checked with a real fetch of the source branch.
/// On <c>feature</c>, <c>src/app.txt</c> reads "one 2 three four": lines 2 and 4 of the TO side are ADDED.
/// </summary>
public sealed class PullRequestCommentSuggestionTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string OutOfDate = "com.atlassian.bitbucket.pull.PullRequestOutOfDateException";
    private const string CommentOutOfDate = "com.atlassian.bitbucket.comment.CommentOutOfDateException";
    private const string InvalidAnchor = "com.atlassian.bitbucket.comment.InvalidCommentAnchorException";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Applying_a_suggestion_commits_it_to_the_source_branch_as_the_caller_and_rescopes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reviewer = "suggester-" + provider;
        using var repo = await SuggestedRepoAsync(server, "apply", reviewer);
        using var admin = server.AdminClient();
        using var user = server.Client(reviewer);
        var pr = repo.PullRequests + "/1";
        var comment = await CommentAsync(user, pr, "Spell it out:\n\n```suggestion\ntwo\n```\n", line: 2);
        var before = await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var version = before.GetProperty("version").GetInt32();

        using var applied = await ApplyAsync(admin, pr, comment, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 });
        Assert.Equal(HttpStatusCode.NoContent, applied.StatusCode);

        var head = await FetchAsync(repo, "feature");
        Assert.Equal("one\ntwo\nthree\nfour\n", await ShowAsync(repo, head, "src/app.txt"));
        var log = (await repo.Tree.GitAsync(Ct, "log", "-1", "--format=%an%n%ae%n%cn%n%P%n%B", head)).StandardOutput.Split('\n');
        var adminUser = before.GetProperty("author").GetProperty("user");
        var reviewerName = comment.GetProperty("author").GetProperty("displayName").GetString();
        Assert.Equal(adminUser.GetProperty("displayName").GetString(), log[0]);
        Assert.Equal(adminUser.GetProperty("displayName").GetString(), log[2]);
        Assert.Equal(repo.FeatureHead, log[3]);
        Assert.Equal($"Apply suggestion from {reviewerName} on pull request #1", log[4]);

        var after = await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(head, after.GetProperty("fromRef").GetProperty("latestCommit").GetString());
        Assert.True(after.GetProperty("version").GetInt32() > version);
        var activities = await (await admin.GetAsync(pr + "/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var rescoped = activities.Values().EnumerateArray().Single(a => a.GetProperty("action").GetString() == "RESCOPED");
        Assert.Equal(head, rescoped.GetProperty("fromHash").GetString());
        Assert.Equal(repo.FeatureHead, rescoped.GetProperty("previousFromHash").GetString());

        // The suggested line is gone from the diff the comment was made on: applying again is refused.
        var outdated = await (await admin.GetAsync(pr + "/comments/" + comment.GetProperty("id").GetInt64(), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.True(outdated.GetProperty("anchor").GetProperty("orphaned").GetBoolean());
        using var again = await ApplyAsync(admin, pr, comment, new { commentVersion = 0, pullRequestVersion = after.GetProperty("version").GetInt32(), suggestionIndex = 0 });
        await again.ExpectAsync(HttpStatusCode.Conflict, Ct);
        Assert.Equal(head, await FetchAsync(repo, "feature"));
    }

    [Fact]
    public async Task A_multi_line_suggestion_replaces_its_range_with_the_chosen_block_and_message()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await SuggestedRepoAsync(server, "multi", "multi-reviewer");
        await server.CreateUserAsync("multi-writer", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "multi-writer", "REPO_WRITE", Ct);
        using var writer = server.Client("multi-writer");
        using var reviewer = server.Client("multi-reviewer");
        var pr = repo.PullRequests + "/1";
        var text = "Either\n```suggestion\nTWO\n```\nor, keeping the end,\n~~~~ Suggestion\ntwo\nthree\n```\n~~~~\n";
        var comment = await CommentAsync(reviewer, pr, text, line: 4, multilineStartLine: 2);
        var version = (await (await writer.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("version").GetInt32();

        using var applied = await ApplyAsync(writer, pr, comment,
            new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 1, commitMessage = "Spell the numbers out\n\nAs asked in review." });
        Assert.Equal(HttpStatusCode.NoContent, applied.StatusCode);

        var head = await FetchAsync(repo, "feature");
        Assert.Equal("one\ntwo\nthree\n```\n", await ShowAsync(repo, head, "src/app.txt"));
        var log = (await repo.Tree.GitAsync(Ct, "log", "-1", "--format=%an%n%B", head)).StandardOutput;
        Assert.StartsWith("multi-writer", log, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Spell the numbers out\n\nAs asked in review.", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_versions_bad_indexes_and_comments_without_a_suggestion_are_refused_and_write_nothing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await SuggestedRepoAsync(server, "refused", "refused-reviewer");
        using var admin = server.AdminClient();
        var pr = repo.PullRequests + "/1";
        var comment = await CommentAsync(admin, pr, "```suggestion\ntwo\n```", line: 2);
        var plain = await CommentAsync(admin, pr, "No suggestion here, just ```suggestion``` in a line.", line: 2);
        var general = await (await admin.PostAsJsonAsync(pr + "/comments", new { text = "```suggestion\ntwo\n```" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var removed = await (await admin.PostAsJsonAsync(pr + "/comments", new
        {
            text = "```suggestion\ntwo\n```",
            anchor = new { path = "src/app.txt", line = 2, lineType = "REMOVED" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var version = (await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("version").GetInt32();
        var edited = await (await admin.PutAsJsonAsync(pr + "/comments/" + comment.GetProperty("id").GetInt64(),
            new { version = 0, text = "```suggestion\ntwo\n```\n```suggestion\nTwo\n```" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var stalePullRequest = await (await ApplyAsync(admin, pr, comment, new { commentVersion = 1, pullRequestVersion = version + 5, suggestionIndex = 0 }))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);
        var staleComment = await (await ApplyAsync(admin, pr, comment, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 }))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);
        var beyond = await (await ApplyAsync(admin, pr, comment, new { commentVersion = 1, pullRequestVersion = version, suggestionIndex = 2 }))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var negative = await (await ApplyAsync(admin, pr, comment, new { commentVersion = 1, pullRequestVersion = version, suggestionIndex = -1 }))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var none = await (await ApplyAsync(admin, pr, plain, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 }))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var notOnALine = await (await ApplyAsync(admin, pr, general, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 }))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var fromSide = await (await ApplyAsync(admin, pr, removed, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 }))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var missing = await (await admin.PostAsJsonAsync(pr + "/comments/999999/apply-suggestion", new { commentVersion = 0, pullRequestVersion = version }, Ct))
            .ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Equal(1, edited.GetProperty("version").GetInt32());
        Assert.Equal(OutOfDate, stalePullRequest.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(version, stalePullRequest.GetProperty("errors")[0].GetProperty("currentVersion").GetInt32());
        Assert.Equal(CommentOutOfDate, staleComment.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(1, staleComment.GetProperty("errors")[0].GetProperty("currentVersion").GetInt32());
        Assert.Equal("suggestionIndex", beyond.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Contains("2 suggestions", beyond.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("suggestionIndex", negative.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Contains("no suggestion", none.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(InvalidAnchor, notOnALine.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(InvalidAnchor, fromSide.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal("com.atlassian.bitbucket.comment.NoSuchCommentException", missing.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(repo.FeatureHead, await FetchAsync(repo, "feature"));

        var declined = await (await admin.PostAsync(pr + "/decline?version=" + version, null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var closed = await (await ApplyAsync(admin, pr, comment, new { commentVersion = 1, pullRequestVersion = declined.GetProperty("version").GetInt32(), suggestionIndex = 0 }))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);
        Assert.Equal("com.atlassian.bitbucket.pull.IllegalPullRequestStateException", closed.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(repo.FeatureHead, await FetchAsync(repo, "feature"));
    }

    [Fact]
    public async Task A_hostile_body_is_a_clear_400_and_writes_nothing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await SuggestedRepoAsync(server, "hostile", "hostile-reviewer");
        using var admin = server.AdminClient();
        var pr = repo.PullRequests + "/1";
        var comment = await CommentAsync(admin, pr, "```suggestion\n<script>alert(1)</script>\n```", line: 2);
        var url = pr + "/comments/" + comment.GetProperty("id").GetInt64() + "/apply-suggestion";
        var version = (await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("version").GetInt32();

        using var wrongType = await admin.PostAsync(url, new StringContent("{\"suggestionIndex\":\"first\",\"commentVersion\":0}", Encoding.UTF8, "application/json"), Ct);
        using var notJson = await admin.PostAsync(url, new StringContent("{{{", Encoding.UTF8, "application/json"), Ct);
        using var hugeMessage = await ApplyAsync(admin, pr, comment, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0, commitMessage = new string('m', 40_000) });
        using var overflow = await admin.PostAsync(url, new StringContent("{\"suggestionIndex\":99999999999,\"commentVersion\":0}", Encoding.UTF8, "application/json"), Ct);

        await wrongType.ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await notJson.ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await overflow.ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var tooLong = await hugeMessage.ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal("commitMessage", tooLong.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(repo.FeatureHead, await FetchAsync(repo, "feature"));

        // The script is only text in a file: applied, it is committed as written.
        using var applied = await ApplyAsync(admin, pr, comment, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 });
        Assert.Equal(HttpStatusCode.NoContent, applied.StatusCode);
        Assert.Equal("one\n<script>alert(1)</script>\nthree\nfour\n", await ShowAsync(repo, await FetchAsync(repo, "feature"), "src/app.txt"));
    }

    [Fact]
    public async Task A_branch_that_moved_first_wins_and_the_suggestion_writes_nothing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await SuggestedRepoAsync(server, "race", "race-reviewer");
        using var admin = server.AdminClient();
        var pr = repo.PullRequests + "/1";
        var comment = await CommentAsync(admin, pr, "```suggestion\ntwo\n```", line: 2);
        var version = (await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("version").GetInt32();

        // A push lands between the client reading the pull request and GitHost moving the branch:
        // the branch is moved behind the server's back, so the pull request still names the old head.
        var raced = await repo.PushAsync("race", "racing change", Ct, file: "src/race.txt");
        var bare = server.RepositoryPath(repo.Id);
        var moved = await GitCli.RunAsync(bare, ["--git-dir", bare, "update-ref", "refs/heads/feature", raced, repo.FeatureHead], Ct);
        Assert.True(moved.ExitCode == 0, moved.StandardError);

        var lost = await (await ApplyAsync(admin, pr, comment, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 }))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal(OutOfDate, lost.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(raced, await FetchAsync(repo, "feature"));
        var after = await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(version, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_push_after_the_client_read_the_pull_request_makes_its_version_stale()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await SuggestedRepoAsync(server, "pushed", "pushed-reviewer");
        using var admin = server.AdminClient();
        var pr = repo.PullRequests + "/1";
        var comment = await CommentAsync(admin, pr, "```suggestion\ntwo\n```", line: 2);
        var version = (await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("version").GetInt32();
        var pushed = await repo.PushAsync("feature", "another change", Ct, file: "src/other.txt");

        var stale = await (await ApplyAsync(admin, pr, comment, new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 }))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal(OutOfDate, stale.GetProperty("errors")[0].GetProperty("exceptionName").GetString());
        Assert.Equal(pushed, await FetchAsync(repo, "feature"));

        // The line kept its place through the push: with the new version the suggestion applies on top of it.
        var current = (await (await admin.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("version").GetInt32();
        using var applied = await ApplyAsync(admin, pr, comment, new { commentVersion = 0, pullRequestVersion = current, suggestionIndex = 0 });
        Assert.Equal(HttpStatusCode.NoContent, applied.StatusCode);
        var head = await FetchAsync(repo, "feature");
        Assert.Equal(pushed, (await repo.Tree.GitAsync(Ct, "rev-parse", head + "^")).StandardOutput.Trim());
        Assert.Equal("one\ntwo\nthree\nfour\n", await ShowAsync(repo, head, "src/app.txt"));
    }

    [Fact]
    public async Task Only_someone_who_can_write_the_source_applies_a_suggestion()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await SuggestedRepoAsync(server, "readonly", "readonly-reviewer");
        using var reader = server.Client("readonly-reviewer");
        using var anonymous = server.Client();
        var pr = repo.PullRequests + "/1";
        var comment = await CommentAsync(reader, pr, "```suggestion\ntwo\n```", line: 2);
        var version = (await (await reader.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("version").GetInt32();
        var body = new { commentVersion = 0, pullRequestVersion = version, suggestionIndex = 0 };

        await (await ApplyAsync(reader, pr, comment, body)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await ApplyAsync(anonymous, pr, comment, body)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal(repo.FeatureHead, await FetchAsync(repo, "feature"));
    }

    [Fact]
    public async Task A_suggestion_on_a_pull_request_from_a_fork_is_committed_to_the_fork_by_its_owner()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRG", "upstream", Ct);
        await server.CreateUserAsync("fork-owner", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "fork-owner", "REPO_READ", Ct);
        await server.CreateUserAsync("upstream-writer", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "upstream-writer", "REPO_WRITE", Ct);
        using var owner = server.Client("fork-owner");
        using var upstreamWriter = server.Client("upstream-writer");
        var fork = await (await owner.PostAsJsonAsync(repo.Api, new { name = "upstream-fork" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var forkKey = fork.GetProperty("project").GetProperty("key").GetString()!;
        var forkUrl = server.CloneUrl(forkKey, "upstream-fork", "fork-owner");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", forkUrl, "refs/heads/feature:refs/heads/fork-work");
        var opened = await (await owner.PostAsJsonAsync(repo.PullRequests, new
        {
            title = "From my fork",
            fromRef = new { id = "refs/heads/fork-work", repository = new { slug = "upstream-fork", project = new { key = forkKey } } },
            toRef = new { id = "refs/heads/main", repository = new { slug = repo.Slug, project = new { key = repo.Key } } },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var pr = repo.PullRequests + "/" + opened.GetProperty("id").GetInt64();
        var comment = await CommentAsync(upstreamWriter, pr, "```suggestion\ntwo\n```", line: 2);
        var body = new { commentVersion = 0, pullRequestVersion = opened.GetProperty("version").GetInt32(), suggestionIndex = 0 };

        await (await ApplyAsync(upstreamWriter, pr, comment, body)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        using var applied = await ApplyAsync(owner, pr, comment, body);

        Assert.Equal(HttpStatusCode.NoContent, applied.StatusCode);
        await repo.Tree.GitAsync(Ct, "fetch", "--quiet", forkUrl, "+fork-work:refs/remotes/fork/fork-work");
        var head = (await repo.Tree.GitAsync(Ct, "rev-parse", "refs/remotes/fork/fork-work")).StandardOutput.Trim();
        Assert.Equal("one\ntwo\nthree\nfour\n", await ShowAsync(repo, head, "src/app.txt"));
        var after = await (await owner.GetAsync(pr, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(head, after.GetProperty("fromRef").GetProperty("latestCommit").GetString());
    }

    private static async Task<PullRequestRepo> SuggestedRepoAsync(GitHostTestServer server, string slug, string reviewer)
    {
        var repo = await PullRequestRepo.CreateAsync(server, "PRS", slug, Ct);
        await repo.AddReaderAsync(reviewer, Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        return repo;
    }

    private static async Task<JsonElement> CommentAsync(HttpClient client, string pr, string text, int line, int? multilineStartLine = null) =>
        await (await client.PostAsJsonAsync(pr + "/comments", new
        {
            text,
            anchor = new { path = "src/app.txt", line, lineType = "ADDED", fileType = "TO", multilineStartLine },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient client, string pr, JsonElement comment, object body) =>
        client.PostAsJsonAsync(pr + "/comments/" + comment.GetProperty("id").GetInt64() + "/apply-suggestion", body, Ct);

    /// <summary>The branch's head on the server, fetched over HTTP as a client sees it.</summary>
    private static async Task<string> FetchAsync(PullRequestRepo repo, string branch)
    {
        var fetched = await repo.Tree.GitAsync(Ct, "fetch", "--quiet", repo.Url, $"+{branch}:refs/remotes/server/{branch}");
        Assert.True(fetched.ExitCode == 0, fetched.StandardError);
        return (await repo.Tree.GitAsync(Ct, "rev-parse", $"refs/remotes/server/{branch}")).StandardOutput.Trim();
    }

    private static async Task<string> ShowAsync(PullRequestRepo repo, string commit, string path) =>
        (await repo.Tree.GitAsync(Ct, "show", $"{commit}:{path}")).StandardOutput;
}
