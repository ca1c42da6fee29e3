using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>A pull request's diff, changes, commits, merge base and raw downloads; a commit's diff and merge base.</summary>
public sealed class PullRequestDiffTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_diff_is_three_dot_from_the_merge_base_to_the_source_head()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRD", "three", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        // The target moves on with a file the source never had: it must not show in the pull request's diff.
        await repo.PushAsync("main", "target only", Ct, file: "target.txt");

        var diff = await (await admin.GetAsync(repo.PullRequests + "/1/diff", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var onePath = await (await admin.GetAsync(repo.PullRequests + "/1/diff/src/app.txt?contextLines=0", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var missing = await (await admin.GetAsync(repo.PullRequests + "/1/diff/no/such/file.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(repo.MainHead, diff.GetProperty("fromHash").GetString());
        Assert.Equal(repo.FeatureHead, diff.GetProperty("toHash").GetString());
        Assert.Equal(10, diff.GetProperty("contextLines").GetInt32());
        Assert.Equal("SHOW", diff.GetProperty("whitespace").GetString());
        var file = Assert.Single(diff.GetProperty("diffs").EnumerateArray());
        Assert.Equal("src/app.txt", file.GetProperty("destination").GetProperty("toString").GetString());
        var segments = onePath.GetProperty("diffs")[0].GetProperty("hunks")[0].GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("type").GetString()).ToList();
        Assert.DoesNotContain("CONTEXT", segments);
        Assert.Contains("ADDED", segments);
        Assert.Equal(0, onePath.GetProperty("contextLines").GetInt32());
        Assert.Empty(missing.GetProperty("diffs").EnumerateArray());
    }

    [Fact]
    public async Task A_moved_file_is_diffed_against_its_old_path_when_srcPath_names_it()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRD", "moved", Ct);
        using var admin = server.AdminClient();
        // Large enough that git sees a move (similarity over 50 %), not a delete and an add.
        var guide = string.Concat(Enumerable.Range(1, 40).Select(i => $"line {i}\n"));
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "main");
        await repo.Tree.WriteAsync("guide.txt", guide);
        await repo.Tree.CommitAsync("a guide", Ct);
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "-b", "moving");
        await repo.Tree.WriteAsync("docs/guide.txt", guide + "moved here\n");
        await repo.Tree.GitAsync(Ct, "rm", "--quiet", "guide.txt");
        await repo.Tree.CommitAsync("move the guide", Ct);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "main", "moving");
        await repo.OpenAsync(admin, Ct, from: "moving");

        var withSource = await (await admin.GetAsync(repo.PullRequests + "/1/diff/docs/guide.txt?srcPath=guide.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var withoutSource = await (await admin.GetAsync(repo.PullRequests + "/1/diff/docs/guide.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var hostile = await admin.GetAsync(repo.PullRequests + "/1/diff/docs/guide.txt?srcPath=..%2F..%2Fetc%2Fpasswd", Ct);

        var moved = Assert.Single(withSource.GetProperty("diffs").EnumerateArray());
        Assert.Equal("guide.txt", moved.GetProperty("source").GetProperty("toString").GetString());
        Assert.Equal("docs/guide.txt", moved.GetProperty("destination").GetProperty("toString").GetString());
        var lines = moved.GetProperty("hunks").EnumerateArray().SelectMany(h => h.GetProperty("segments").EnumerateArray())
            .SelectMany(s => s.GetProperty("lines").EnumerateArray().Select(l => (s.GetProperty("type").GetString(), l.GetProperty("line").GetString()))).ToList();
        Assert.Contains(("CONTEXT", "line 40"), lines);
        Assert.Contains(("ADDED", "moved here"), lines);
        // Without the old path the file has no source: every line is new.
        var added = Assert.Single(withoutSource.GetProperty("diffs").EnumerateArray());
        Assert.False(added.TryGetProperty("source", out var source) && source.ValueKind != JsonValueKind.Null);
        Assert.All(added.GetProperty("hunks")[0].GetProperty("segments").EnumerateArray(), s => Assert.Equal("ADDED", s.GetProperty("type").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
    }

    [Fact]
    public async Task Iterative_review_shows_only_what_changed_between_since_and_until()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRD", "iterate", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        var second = await repo.PushAsync("feature", "second round", Ct, file: "src/second.txt");

        var range = await (await admin.GetAsync($"{repo.PullRequests}/1/diff?sinceId={repo.FeatureHead}&untilId={second}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var changes = await (await admin.GetAsync($"{repo.PullRequests}/1/changes?sinceId={repo.FeatureHead}&untilId={second}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var untilOnly = await (await admin.GetAsync($"{repo.PullRequests}/1/diff?untilId={second}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var unknown = await admin.GetAsync($"{repo.PullRequests}/1/diff?sinceId={new string('a', 40)}", Ct);
        using var hostile = await admin.GetAsync($"{repo.PullRequests}/1/diff?sinceId=--output%3D%2Ftmp%2Fx", Ct);

        Assert.Equal(repo.FeatureHead, range.GetProperty("fromHash").GetString());
        Assert.Equal(second, range.GetProperty("toHash").GetString());
        var file = Assert.Single(range.GetProperty("diffs").EnumerateArray());
        Assert.Equal("src/second.txt", file.GetProperty("destination").GetProperty("toString").GetString());
        Assert.Equal("RANGE", changes.GetProperty("properties").GetProperty("changeScope").GetString());
        Assert.Equal("src/second.txt", Assert.Single(changes.GetProperty("values").EnumerateArray()).GetProperty("path").GetProperty("toString").GetString());
        Assert.Equal(repo.MainHead, untilOnly.GetProperty("fromHash").GetString());
        Assert.Equal(2, untilOnly.GetProperty("diffs").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
    }

    [Fact]
    public async Task A_bad_context_line_count_is_refused_with_the_parameter_named()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await OpenedAsync(server, "context");
        using var admin = server.AdminClient();
        var urls = new[] { repo.PullRequests + "/1/diff", repo.PullRequests + "/1.diff", repo.PullRequests + "/1/diff-stats-summary", repo.Api + "/commits/" + repo.FeatureHead + "/diff" };

        foreach (var (url, contextLines) in urls.SelectMany(u => new[] { "abc", "-1", "1001", "99999999999999999999", "1e3", " 3", "３" }.Select(c => (u, c))))
        {
            using var response = await admin.GetAsync(url + "?contextLines=" + Uri.EscapeDataString(contextLines), Ct);
            var error = await response.ExpectAsync(HttpStatusCode.BadRequest, Ct);
            var message = error.GetProperty("errors")[0].GetProperty("message").GetString()!;
            Assert.Contains("contextLines must be a whole number from 0 to 1000", message);
            Assert.Equal("contextLines", error.GetProperty("errors")[0].GetProperty("context").GetString());
        }
    }

    [Fact]
    public async Task Changes_commits_merge_base_and_stats_describe_the_pull_request()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRD", "lists", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        var changes = await (await admin.GetAsync(repo.PullRequests + "/1/changes", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var commits = await (await admin.GetAsync(repo.PullRequests + "/1/commits?withCounts=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var mergeBase = await (await admin.GetAsync(repo.PullRequests + "/1/merge-base", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var stats = await (await admin.GetAsync(repo.PullRequests + "/1/diff-stats-summary", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var missing = await admin.GetAsync(repo.PullRequests + "/2/changes", Ct);

        Assert.Equal("ALL", changes.GetProperty("properties").GetProperty("changeScope").GetString());
        Assert.Equal(repo.FeatureHead, changes.GetProperty("toHash").GetString());
        var change = Assert.Single(changes.GetProperty("values").EnumerateArray());
        Assert.Equal("MODIFY", change.GetProperty("type").GetString());
        Assert.EndsWith("/pull-requests/1/diff#src%2Fapp.txt", change.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());
        Assert.Equal(repo.FeatureHead, Assert.Single(commits.GetProperty("values").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, commits.GetProperty("totalCount").GetInt32());
        Assert.Equal(repo.MainHead, mergeBase.GetProperty("id").GetString());
        Assert.Equal(1, stats.GetProperty("filesChanged").GetInt32());
        Assert.Equal(2, stats.GetProperty("linesAdded").GetInt32());
        Assert.Equal(1, stats.GetProperty("linesRemoved").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_diff_and_patch_downloads_are_git_text()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await OpenedAsync(server, "downloads");
        using var admin = server.AdminClient();

        using var diff = await admin.GetAsync(repo.PullRequests + "/1.diff", Ct);
        using var patch = await admin.GetAsync(repo.PullRequests + "/1.patch", Ct);
        using var missing = await admin.GetAsync(repo.PullRequests + "/9.diff", Ct);

        Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        Assert.Equal("text/plain", diff.Content.Headers.ContentType!.MediaType);
        var text = await diff.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("diff --git a/src/app.txt b/src/app.txt", text);
        Assert.Contains("\n+four\n", text);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var mail = await patch.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("From " + repo.FeatureHead, mail);
        Assert.Contains("Subject: [PATCH] change app", mail);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_commit_has_a_diff_and_a_merge_base_with_another()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await OpenedAsync(server, "commit");
        using var admin = server.AdminClient();

        var whole = await (await admin.GetAsync($"{repo.Api}/commits/{repo.FeatureHead}/diff", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var onePath = await (await admin.GetAsync($"{repo.Api}/commits/{repo.FeatureHead}/diff/README.md", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var root = await (await admin.GetAsync($"{repo.Api}/commits/{repo.MainHead}/diff", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var mergeBase = await (await admin.GetAsync($"{repo.Api}/commits/{repo.FeatureHead}/merge-base?otherCommitId={repo.MainHead}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var noOther = await admin.GetAsync($"{repo.Api}/commits/{repo.FeatureHead}/merge-base", Ct);
        var stats = await (await admin.GetAsync($"{repo.Api}/commits/{repo.FeatureHead}/diff-stats-summary", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var noStats = await (await admin.GetAsync($"{repo.Api}/commits/{repo.FeatureHead}/diff-stats-summary/README.md", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(repo.MainHead, whole.GetProperty("fromHash").GetString());
        Assert.Single(whole.GetProperty("diffs").EnumerateArray());
        Assert.Empty(onePath.GetProperty("diffs").EnumerateArray());
        Assert.Equal(2, root.GetProperty("diffs").GetArrayLength());
        Assert.Equal(repo.MainHead, mergeBase.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noOther.StatusCode);
        Assert.Equal(1, stats.GetProperty("filesChanged").GetInt32());
        Assert.Equal(2, stats.GetProperty("linesAdded").GetInt32());
        Assert.Equal(1, stats.GetProperty("linesRemoved").GetInt32());
        Assert.Equal(0, noStats.GetProperty("filesChanged").GetInt32());
    }

    private static async Task<PullRequestRepo> OpenedAsync(GitHostTestServer server, string slug)
    {
        var repo = await PullRequestRepo.CreateAsync(server, "PRD", slug, Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        return repo;
    }
}
