using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>
/// A pull request's diff carries its comments (<c>withComments</c>, Bitbucket's default): <c>commentIds</c>
/// on the lines, the threads in <c>lineComments</c> and <c>fileComments</c>; orphaned ones stay out.
/// </summary>
public sealed class PullRequestDiffCommentTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Comments_come_with_the_diff_on_their_lines_and_orphaned_ones_stay_out(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PDC", "lines-" + provider.ToString().ToLowerInvariant(), Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        var pr = repo.PullRequests + "/1";
        // Commented, then its line changes: orphaned.
        var orphaned = await CommentAsync(admin, pr, "Is four right?", new { path = "src/app.txt", line = 4, lineType = "ADDED", fileType = "TO" });
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "feature");
        await repo.Tree.WriteAsync("src/app.txt", "one\n2\nthree\nFOUR\n");
        await repo.Tree.CommitAsync("the commented line", Ct);
        (await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "feature")).EnsureSuccess();
        var added = await CommentAsync(admin, pr, "Why 2?", new { path = "src/app.txt", line = 2, lineType = "ADDED", fileType = "TO" });
        var removed = await CommentAsync(admin, pr, "Keep two?", new { path = "src/app.txt", line = 2, lineType = "REMOVED", fileType = "FROM" });
        var file = await CommentAsync(admin, pr, "The whole file", new { path = "src/app.txt" });
        var reply = (await (await admin.PostAsJsonAsync(pr + "/comments", new { text = "Because.", parent = new { id = added } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();

        var diff = (await (await admin.GetAsync(pr + "/diff", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("diffs")[0];
        var onePath = (await (await admin.GetAsync(pr + "/diff/src/app.txt?withComments=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("diffs")[0];
        var without = (await (await admin.GetAsync(pr + "/diff?withComments=false", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("diffs")[0];

        Assert.Equal([added], CommentIds(Line(diff, "ADDED", "2")));
        Assert.Equal([removed], CommentIds(Line(diff, "REMOVED", "two")));
        Assert.Empty(CommentIds(Line(diff, "ADDED", "FOUR")));
        Assert.Equal([added, removed], diff.GetProperty("lineComments").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        var thread = diff.GetProperty("lineComments")[0];
        Assert.Equal("Why 2?", thread.GetProperty("text").GetString());
        Assert.Equal(2, thread.GetProperty("anchor").GetProperty("line").GetInt32());
        Assert.Equal(reply, Assert.Single(thread.GetProperty("comments").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(file, Assert.Single(diff.GetProperty("fileComments").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.DoesNotContain(orphaned, AllIds(diff));
        Assert.Equal(AllIds(diff), AllIds(onePath));
        Assert.Empty(AllIds(without));
        Assert.False(without.TryGetProperty("lineComments", out _));
        Assert.False(without.TryGetProperty("fileComments", out _));
    }

    [Fact]
    public async Task Comments_show_only_on_the_diff_type_they_were_made_on_and_a_bad_type_is_refused()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PDC", "types", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        var pr = repo.PullRequests + "/1";
        var effective = await CommentAsync(admin, pr, "On the whole diff", new { path = "src/app.txt", line = 2, lineType = "ADDED", fileType = "TO" });
        var commit = await CommentAsync(admin, pr, "On the commit", new
        {
            path = "src/app.txt", line = 4, lineType = "ADDED", fileType = "TO", diffType = "COMMIT", fromHash = repo.MainHead, toHash = repo.FeatureHead,
        });
        var range = $"{pr}/diff?sinceId={repo.MainHead}&untilId={repo.FeatureHead}";

        var whole = (await (await admin.GetAsync(pr + "/diff", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("diffs")[0];
        var onCommit = (await (await admin.GetAsync(range + "&diffType=commit", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("diffs")[0];
        var effectiveOnRange = (await (await admin.GetAsync(range + "&diffType=EFFECTIVE", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("diffs")[0];
        var rangeDefault = (await (await admin.GetAsync(range, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("diffs")[0];

        Assert.Equal([effective], AllIds(whole));
        Assert.Equal([commit], AllIds(onCommit));
        Assert.Equal([commit], CommentIds(Line(onCommit, "ADDED", "four")));
        Assert.Empty(AllIds(effectiveOnRange));
        Assert.Empty(AllIds(rangeDefault));
        foreach (var bad in new[] { "SIDEWAYS", "<script>", "EFFECTIVE%00", new string('x', 2000) })
        {
            using var response = await admin.GetAsync(pr + "/diff?diffType=" + Uri.EscapeDataString(bad), Ct);
            var error = await response.ExpectAsync(HttpStatusCode.BadRequest, Ct);
            Assert.Equal("diffType", error.GetProperty("errors")[0].GetProperty("context").GetString());
        }
    }

    private static async Task<long> CommentAsync(HttpClient client, string pr, string text, object anchor) =>
        (await (await client.PostAsJsonAsync(pr + "/comments", new { text, anchor }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();

    private static IEnumerable<(string Type, JsonElement Line)> Lines(JsonElement file) =>
        file.GetProperty("hunks").EnumerateArray().SelectMany(h => h.GetProperty("segments").EnumerateArray())
            .SelectMany(s => s.GetProperty("lines").EnumerateArray().Select(l => (s.GetProperty("type").GetString()!, l)));

    private static JsonElement Line(JsonElement file, string type, string text) =>
        Lines(file).Single(l => l.Type == type && l.Line.GetProperty("line").GetString() == text).Line;

    private static List<long> CommentIds(JsonElement line) =>
        line.TryGetProperty("commentIds", out var ids) ? ids.EnumerateArray().Select(i => i.GetInt64()).ToList() : [];

    /// <summary>Every comment id the file carries: on lines, in lineComments and in fileComments.</summary>
    private static List<long> AllIds(JsonElement file) =>
        Lines(file).SelectMany(l => CommentIds(l.Line))
            .Concat(new[] { "lineComments", "fileComments" }.SelectMany(p => file.TryGetProperty(p, out var c) ? c.EnumerateArray().Select(x => x.GetProperty("id").GetInt64()) : []))
            .Distinct().Order().ToList();
}
