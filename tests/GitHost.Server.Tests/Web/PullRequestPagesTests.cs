using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.ReviewerGroups;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>A review day in the pages, without script: open a pull request, comment, comment on a line, approve, merge; and who may see it.</summary>
public sealed class PullRequestPagesTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_pull_request_is_opened_discussed_approved_and_merged_through_the_pages(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "WEBPR", "review", Ct);
        await server.CreateUserAsync("web-reviewer", Ct);
        await server.GrantAsync("/rest/api/1.0/projects/WEBPR", "web-reviewer", "PROJECT_WRITE", Ct);
        using var author = await BrowserPage.AdminAsync(server, Ct);
        using var reviewer = await BrowserPage.SignedInAsync(server, "web-reviewer", Ct);
        const string pages = "/projects/WEBPR/repos/review/pull-requests";

        var createPath = pages + "?create&sourceBranch=refs%2Fheads%2Ffeature";
        var (preview, previewHtml) = await author.GetAsync(createPath, Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("change app", previewHtml, StringComparison.Ordinal);
        Assert.Contains("src/app.txt", previewHtml, StringComparison.Ordinal);
        using var created = await author.PostFormAsync(createPath, previewHtml, "create-pull-request", new Dictionary<string, string>
        {
            ["Input.Source"] = "refs/heads/feature",
            ["Input.Target"] = "refs/heads/main",
            ["Input.Title"] = "Change the <app>",
            ["Input.Description"] = "Makes it **better**.\n\n<script>alert(1)</script>",
            ["Input.Reviewers"] = "web-reviewer",
        }, Ct);
        Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        var prPage = created.Headers.Location!.OriginalString;
        Assert.EndsWith(pages + "/1/overview", prPage, StringComparison.Ordinal);

        var (overview, overviewHtml) = await author.GetAsync(prPage, Ct);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Change the &lt;app&gt;", overviewHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>better</strong>", overviewHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", overviewHtml, StringComparison.Ordinal);
        Assert.Contains("not reviewed yet", overviewHtml, StringComparison.Ordinal);
        Assert.Contains("opened the pull request", overviewHtml, StringComparison.Ordinal);

        using var commented = await author.PostFormAsync(prPage, overviewHtml, "comment", new Dictionary<string, string>
        {
            ["Input.Action"] = "comment",
            ["Input.Text"] = "Please look at <b>this</b>",
        }, Ct);
        Assert.Equal(HttpStatusCode.Found, commented.StatusCode);
        Assert.Matches(pages.Replace("/", "\\/", StringComparison.Ordinal) + "\\/1\\/overview#comment-\\d+$", commented.Headers.Location!.OriginalString);

        var (diff, diffHtml) = await author.GetAsync(pages + "/1/diff", Ct);
        Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        Assert.Contains($"href=\"{pages}/1/diff?comment=file-1-d2#file-1-d2\"", diffHtml, StringComparison.Ordinal);
        var (split, splitHtml) = await author.GetAsync(pages + "/1/diff?view=split", Ct);
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        Assert.Contains("<table class=\"diff-table split\">", splitHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"{pages}/1/diff?view=split&amp;comment=file-1-d2#file-1-d2\"", splitHtml, StringComparison.Ordinal);
        var linePath = pages + "/1/diff?comment=file-1-d2";
        var (lineForm, lineFormHtml) = await author.GetAsync(linePath, Ct);
        Assert.Equal(HttpStatusCode.OK, lineForm.StatusCode);
        Assert.Contains("Comment on line 2 of src/app.txt", lineFormHtml, StringComparison.Ordinal);
        using var inline = await author.PostFormAsync(linePath, lineFormHtml, "inline-comment", new Dictionary<string, string>
        {
            ["Input.Action"] = "comment",
            ["Input.Path"] = "src/app.txt",
            ["Input.Line"] = "2",
            ["Input.LineType"] = "ADDED",
            ["Input.Text"] = "Why two as a digit?",
        }, Ct);
        Assert.Equal(HttpStatusCode.Found, inline.StatusCode);
        Assert.Matches("/1/diff#comment-\\d+$", inline.Headers.Location!.OriginalString);
        var (_, diffWithComment) = await author.GetAsync(pages + "/1/diff", Ct);
        Assert.Contains("Why two as a digit?", diffWithComment, StringComparison.Ordinal);

        var (_, reviewerHtml) = await reviewer.GetAsync(prPage, Ct);
        Assert.Contains("Please look at &lt;b&gt;this&lt;/b&gt;", reviewerHtml, StringComparison.Ordinal);
        using var approved = await reviewer.PostFormAsync(prPage, reviewerHtml, "approve", new Dictionary<string, string>
        {
            ["Input.Action"] = "approve",
            ["Input.Commit"] = repo.FeatureHead,
        }, Ct);
        Assert.Equal(HttpStatusCode.Found, approved.StatusCode);

        var (_, beforeMerge) = await author.GetAsync(prPage, Ct);
        Assert.Contains(">approved<", beforeMerge, StringComparison.Ordinal);
        Assert.Contains("Ready to merge", beforeMerge, StringComparison.Ordinal);
        using var merged = await author.PostFormAsync(prPage, beforeMerge, "merge", new Dictionary<string, string>
        {
            ["Input.Action"] = "merge",
            ["Input.Version"] = VersionIn(beforeMerge),
            ["Input.Strategy"] = "no-ff",
        }, Ct);
        Assert.Equal(HttpStatusCode.Found, merged.StatusCode);

        var (_, afterMerge) = await author.GetAsync(prPage, Ct);
        Assert.Contains(">Merged<", afterMerge, StringComparison.Ordinal);
        using var admin = server.AdminClient();
        using var rest = JsonDocument.Parse(await admin.GetStringAsync(repo.PullRequests + "/1", Ct));
        Assert.Equal("MERGED", rest.RootElement.GetProperty("state").GetString());
        var (list, listHtml) = await author.GetAsync(pages + "?state=MERGED&author=admin", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"href=\"{pages}/1/overview\"", listHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suggestion_made_on_a_line_is_applied_from_the_diff_page_by_a_writer_and_offered_to_no_reader()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "WEBSUG", "suggest", Ct);
        await repo.AddReaderAsync("web-suggester", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        using var writer = await BrowserPage.AdminAsync(server, Ct);
        using var reader = await BrowserPage.SignedInAsync(server, "web-suggester", Ct);
        const string diffPage = "/projects/WEBSUG/repos/suggest/pull-requests/1/diff";
        var linePath = diffPage + "?comment=file-1-d2";
        var (_, lineForm) = await reader.GetAsync(linePath, Ct);
        using var commented = await reader.PostFormAsync(linePath, lineForm, "inline-comment", new Dictionary<string, string>
        {
            ["Input.Action"] = "comment",
            ["Input.Path"] = "src/app.txt",
            ["Input.Line"] = "2",
            ["Input.LineType"] = "ADDED",
            ["Input.Text"] = "Spell it out:\n\n```suggestion\ntwo\n```",
        }, Ct);
        Assert.Equal(HttpStatusCode.Found, commented.StatusCode);
        var commentId = System.Text.RegularExpressions.Regex.Match(commented.Headers.Location!.OriginalString, "#comment-(\\d+)$").Groups[1].Value;

        var (_, readerHtml) = await reader.GetAsync(diffPage, Ct);
        var (_, writerHtml) = await writer.GetAsync(diffPage, Ct);
        Assert.Contains("class=\"language-suggestion\"", readerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("apply-suggestion", readerHtml, StringComparison.Ordinal);
        Assert.Contains("Apply suggestion</button>", writerHtml, StringComparison.Ordinal);

        using var applied = await writer.PostFormAsync(diffPage, writerHtml, $"suggestion-{commentId}-0", new Dictionary<string, string>
        {
            ["Input.Action"] = "apply-suggestion",
            ["Input.CommentId"] = commentId,
            ["Input.CommentVersion"] = "0",
            ["Input.Version"] = VersionIn(writerHtml),
            ["Input.SuggestionIndex"] = "0",
        }, Ct);
        Assert.Equal(HttpStatusCode.Found, applied.StatusCode);
        Assert.EndsWith($"{diffPage}#comment-{commentId}", applied.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var pullRequest = JsonDocument.Parse(await admin.GetStringAsync(repo.PullRequests + "/1", Ct));
        Assert.NotEqual(repo.FeatureHead, pullRequest.RootElement.GetProperty("fromRef").GetProperty("latestCommit").GetString());
        Assert.Equal("one\ntwo\nthree\nfour\n", await admin.GetStringAsync(repo.Api + "/raw/src/app.txt?at=refs%2Fheads%2Ffeature", Ct));
        var (_, afterHtml) = await writer.GetAsync(diffPage, Ct);
        Assert.DoesNotContain("Apply suggestion</button>", afterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_insights_reports_show_beside_the_pull_request_and_their_annotations_on_the_diff_lines()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "WEBINS", "insights", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        var report = $"/rest/insights/1.0/projects/WEBINS/repos/insights/commits/{repo.FeatureHead}/reports/com.example.lint";
        await (await admin.PutAsJsonAsync(report, new
        {
            title = "Lint <scan>", result = "FAIL", reporter = "Example Lint",
            data = new object[] { new { title = "Coverage", type = "PERCENTAGE", value = 85.5 } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync(report + "/annotations", new
        {
            annotations = new object[]
            {
                new { path = "src/app.txt", line = 2, message = "Spell <numbers> out", severity = "HIGH", type = "CODE_SMELL" },
                new { path = "src/app.txt", message = "File-wide", severity = "LOW" },
            },
        }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        const string pages = "/projects/WEBINS/repos/insights/pull-requests/1";

        var (overview, overviewHtml) = await browser.GetAsync(pages + "/overview", Ct);
        var (diff, diffHtml) = await browser.GetAsync(pages + "/diff", Ct);

        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Lint &lt;scan&gt;", overviewHtml, StringComparison.Ordinal);
        Assert.Contains("85.5 %", overviewHtml, StringComparison.Ordinal);
        Assert.Contains("2 annotations", overviewHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(diffHtml, "class=\"annotations\""));
        Assert.Contains("Spell &lt;numbers&gt; out", diffHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("File-wide", diffHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_action_is_explained_on_the_page_and_changes_nothing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "WEBPRNO", "review", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        using var author = await BrowserPage.AdminAsync(server, Ct);
        const string page = "/projects/WEBPRNO/repos/review/pull-requests/1/overview";
        var (_, html) = await author.GetAsync(page, Ct);

        using var approve = await author.PostFormAsync(page, html, "comment", new Dictionary<string, string> { ["Input.Action"] = "approve" }, Ct);
        using var stale = await author.PostFormAsync(page, html, "comment", new Dictionary<string, string>
        {
            ["Input.Action"] = "decline",
            ["Input.Version"] = "41",
        }, Ct);
        using var empty = await author.PostFormAsync(page, html, "comment", new Dictionary<string, string>
        {
            ["Input.Action"] = "comment",
            ["Input.Text"] = "   ",
        }, Ct);
        using var forged = await author.Http.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "comment",
            ["Input.Action"] = "decline",
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Contains("The author of a pull request cannot approve it", await approve.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("role=\"alert\"", await stale.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("role=\"alert\"", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var rest = JsonDocument.Parse(await admin.GetStringAsync(repo.PullRequests + "/1", Ct));
        Assert.Equal("OPEN", rest.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Pull_request_pages_are_404_to_users_without_access_and_ask_anonymous_visitors_to_sign_in()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "WEBPRHID", "hidden", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        await server.CreateUserAsync("pr-outsider", Ct);
        using var outsider = await BrowserPage.SignedInAsync(server, "pr-outsider", Ct);
        using var anonymous = new BrowserPage(server);
        const string pages = "/projects/WEBPRHID/repos/hidden/pull-requests";

        await HiddenPages.AssertHiddenAsync(
            outsider, anonymous, [pages, pages + "?create&sourceBranch=feature", pages + "/1/overview", pages + "/1/diff", pages + "/1/commits"], "change app", Ct);
    }

    [Theory]
    [InlineData("/pull-requests/999", HttpStatusCode.NotFound)]
    [InlineData("/pull-requests/abc", HttpStatusCode.NotFound)]
    [InlineData("/pull-requests/1/sideways", HttpStatusCode.NotFound)]
    [InlineData("/pull-requests/99999999999999999999", HttpStatusCode.NotFound)]
    [InlineData("/pull-requests?start=x", HttpStatusCode.BadRequest)]
    [InlineData("/pull-requests?state=NONSENSE", HttpStatusCode.OK)]
    [InlineData("/pull-requests?create&sourceBranch=no-such-branch", HttpStatusCode.OK)]
    [InlineData("/pull-requests/1/diff?comment=..%2F..%2Fetc%3Cscript%3E", HttpStatusCode.OK)]
    [InlineData("/pull-requests/1/diff?comment=file-1-d99999999999999", HttpStatusCode.OK)]
    [InlineData("/pull-requests/1/diff?part=x", HttpStatusCode.BadRequest)]
    [InlineData("/pull-requests/1/diff?part=-1", HttpStatusCode.BadRequest)]
    [InlineData("/pull-requests/1/diff?part=99999&view=%3Cscript%3E", HttpStatusCode.OK)]
    public async Task Bad_pull_request_addresses_get_a_clear_answer(string page, HttpStatusCode expected)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var key = "WEBPRBAD" + Math.Abs(page.GetHashCode(StringComparison.Ordinal) % 100000);
        using var repo = await PullRequestRepo.CreateAsync(server, key, "bad", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);

        var (response, html) = await browser.GetAsync($"/projects/{key}/repos/bad{page}", Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html.Replace("<script src=", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
    private static string VersionIn(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
}
