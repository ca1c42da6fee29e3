using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>The repository's other pages: commits, one commit, branches, tags, compare, README and markdown, and who may open them.</summary>
public sealed class RepositoryPagesTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Pages =
    [
        "/commits", "/branches", "/tags", "/compare/commits?sourceBranch=feature", "/compare/diff?sourceBranch=feature",
    ];

    [Theory]
    [AllDatabases]
    public async Task History_pages_show_commits_branches_tags_and_a_commit_with_its_diff(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (first, second, feature) = await SeedAsync(server, "WEBHIST");
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        const string repo = "/projects/WEBHIST/repos/history";
        using (var admin = server.AdminClient())
        {
            await (await admin.PostAsJsonAsync($"/rest/api/1.0{repo}/commits/{second}/builds",
                new { key = "unit", state = "FAILED", name = "Unit <tests>", url = "https://ci.example.com/7", description = "3 failed" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
            await (await admin.PostAsJsonAsync($"/rest/api/1.0{repo}/commits/{second}/builds",
                new { key = "lint", state = "SUCCESSFUL", url = "https://ci.example.com/8" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
            await (await admin.PostAsJsonAsync($"/rest/api/1.0{repo}/commits/{first}/builds",
                new { key = "unit", state = "SUCCESSFUL", url = "https://ci.example.com/6" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        }

        var (commits, commitsHtml) = await browser.GetAsync(repo + "/commits", Ct);
        var (featureCommits, featureHtml) = await browser.GetAsync(repo + "/commits?until=feature", Ct);
        var (commit, commitHtml) = await browser.GetAsync(repo + "/commits/" + second, Ct);
        var (branches, branchesHtml) = await browser.GetAsync(repo + "/branches", Ct);
        var (tags, tagsHtml) = await browser.GetAsync(repo + "/tags", Ct);

        Assert.Equal(HttpStatusCode.OK, commits.StatusCode);
        Assert.Contains("Add &lt;greeting&gt;", commitsHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"{repo}/commits/{first}\"", commitsHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Feature work", commitsHtml, StringComparison.Ordinal);
        // Each commit's builds in one badge: a failure shows over a success, the tooltip counts both.
        Assert.Matches($"href=\"{repo}/commits/{second}\"[\\s\\S]*?<span class=\"badge badge-danger\" title=\"Builds: 1 successful, 1 failed, [^\"]*\">1 failed</span>", commitsHtml);
        Assert.Matches($"href=\"{repo}/commits/{first}\"[\\s\\S]*?<span class=\"badge badge-success\"[^>]*>1 passed</span>", commitsHtml);
        Assert.Equal(HttpStatusCode.OK, featureCommits.StatusCode);
        Assert.Contains("Feature work", featureHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Contains("Add &lt;greeting&gt;", commitHtml, StringComparison.Ordinal);
        Assert.Contains("The body says &lt;why&gt;.", commitHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"{repo}/commits/{first}\"", commitHtml, StringComparison.Ordinal);
        Assert.Contains("greeting.txt", commitHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;hello&gt;", commitHtml, StringComparison.Ordinal);
        Assert.Contains("class=\"line-added\"", commitHtml, StringComparison.Ordinal);
        Assert.Matches("<span class=\"badge badge-danger\"[^>]*>Failed</span>\\s*<a href=\"https://ci.example.com/7\"[^>]*>Unit &lt;tests&gt;</a>", commitHtml);
        Assert.Contains("3 failed", commitHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, branches.StatusCode);
        Assert.Contains(">feature<", branchesHtml, StringComparison.Ordinal);
        Assert.Matches(">feature</a>[\\s\\S]*?<td class=\"number\"[^>]*>2</td>\\s*<td class=\"number\"[^>]*>1</td>", branchesHtml);
        Assert.Contains($"href=\"{repo}/pull-requests?create&amp;sourceBranch=refs%2Fheads%2Ffeature\"", branchesHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tags.StatusCode);
        Assert.Contains(">v1.0<", tagsHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"{repo}/commits/{first}\"", tagsHtml, StringComparison.Ordinal);
        Assert.Contains("/rest/api/1.0/projects/WEBHIST/repos/history/archive?format=zip&amp;at=refs%2Ftags%2Fv1.0", tagsHtml, StringComparison.Ordinal);
        Assert.NotEqual(second, feature);
    }

    [Fact]
    public async Task Compare_shows_what_the_source_brings_as_commits_and_as_a_diff()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var (_, _, feature) = await SeedAsync(server, "WEBCMP");
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        const string repo = "/projects/WEBCMP/repos/history";

        var (form, formHtml) = await browser.GetAsync(repo + "/compare", Ct);
        var (commits, commitsHtml) = await browser.GetAsync(repo + "/compare/commits?sourceBranch=feature&targetBranch=main", Ct);
        var (diff, diffHtml) = await browser.GetAsync(repo + "/compare/diff?sourceBranch=feature&targetBranch=main", Ct);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"sourceBranch\"", formHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, commits.StatusCode);
        Assert.Contains($"href=\"{repo}/commits/{feature}\"", commitsHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Add &lt;greeting&gt;", commitsHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        Assert.Contains("feature.txt", diffHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("greeting.txt", diffHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_and_markdown_files_are_rendered_sanitized_and_the_source_is_one_click_away()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.SeedRepositoryAsync("WEBMD", "docs", async tree =>
        {
            await tree.WriteAsync("README.md", "# Welcome\n\nRead **this**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))\n");
            await tree.WriteAsync("guide/intro.md", "## Intro\n\n- one\n- two\n");
            await tree.CommitAsync("Docs", Ct);
        }, Ct, "HEAD:refs/heads/main");
        using var browser = await BrowserPage.AdminAsync(server, Ct);

        var (root, rootHtml) = await browser.GetAsync("/projects/WEBMD/repos/docs/browse", Ct);
        var (rendered, renderedHtml) = await browser.GetAsync("/projects/WEBMD/repos/docs/browse/guide/intro.md", Ct);
        var (source, sourceHtml) = await browser.GetAsync("/projects/WEBMD/repos/docs/browse/guide/intro.md?mode=source", Ct);

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("<h1", rootHtml, StringComparison.Ordinal);
        Assert.Contains("Welcome</h1>", rootHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>this</strong>", rootHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", rootHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:alert", rootHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        Assert.Contains("Intro</h2>", renderedHtml, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", renderedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, source.StatusCode);
        Assert.Contains("<tr id=\"1\"", sourceHtml, StringComparison.Ordinal);
        Assert.Contains("## Intro", sourceHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_repository_page_is_a_404_that_names_nothing_to_a_user_without_access()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var (first, _, _) = await SeedAsync(server, "WEBSHUT");
        await server.CreateUserAsync("shut-out", Ct);
        using var browser = await BrowserPage.SignedInAsync(server, "shut-out", Ct);
        using var anonymous = new BrowserPage(server);

        await HiddenPages.AssertHiddenAsync(
            browser, anonymous, Pages.Append("/commits/" + first).Select(p => "/projects/WEBSHUT/repos/history" + p), "greeting", Ct);
    }

    [Theory]
    [InlineData("/commits/0000000000000000000000000000000000000000", HttpStatusCode.NotFound)]
    [InlineData("/commits/not-a-commit", HttpStatusCode.NotFound)]
    [InlineData("/commits?until=no-such-branch", HttpStatusCode.NotFound)]
    [InlineData("/commits?start=-1", HttpStatusCode.BadRequest)]
    [InlineData("/compare/sideways?sourceBranch=feature", HttpStatusCode.NotFound)]
    [InlineData("/compare/commits?sourceBranch=no-such-branch", HttpStatusCode.NotFound)]
    [InlineData("/browse/../../etc/passwd", HttpStatusCode.NotFound)]
    [InlineData("/browse/%2e%2e/%2e%2e/etc/passwd", HttpStatusCode.NotFound)]
    [InlineData("/browse?at=--output=/tmp/x", HttpStatusCode.BadRequest)]
    [InlineData("/branches?start=abc", HttpStatusCode.BadRequest)]
    [InlineData("/browse?at=a%00b", HttpStatusCode.BadRequest)]
    public async Task Bad_addresses_get_a_clear_error_page_not_a_crash(string page, HttpStatusCode expected)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await SeedAsync(server, "WEBBAD" + Math.Abs(page.GetHashCode(StringComparison.Ordinal) % 100000));
        var key = "WEBBAD" + Math.Abs(page.GetHashCode(StringComparison.Ordinal) % 100000);
        using var browser = await BrowserPage.AdminAsync(server, Ct);

        var (response, html) = await browser.GetAsync($"/projects/{key}/repos/history{page}", Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }
    /// <summary>main: three commits (the first tagged v1.0); feature: one commit on top of the first (behind 2, ahead 1).</summary>
    private static async Task<(string First, string Second, string Feature)> SeedAsync(GitHostTestServer server, string projectKey)
    {
        string first = "", second = "", feature = "";
        await server.SeedRepositoryAsync(projectKey, "history", async tree =>
        {
            await tree.WriteAsync("README.md", "# History\n");
            first = await tree.CommitAsync("Start", Ct);
            await tree.GitAsync(Ct, "tag", "v1.0");
            await tree.GitAsync(Ct, "checkout", "-q", "-b", "feature");
            await tree.WriteAsync("feature.txt", "feature\n");
            feature = await tree.CommitAsync("Feature work", Ct);
            await tree.GitAsync(Ct, "checkout", "-q", "main");
            await tree.WriteAsync("greeting.txt", "<hello>\n");
            second = await tree.CommitAsync("Add <greeting>\n\nThe body says <why>.", Ct);
            await tree.WriteAsync("README.md", "# History, tidied\n");
            await tree.CommitAsync("Tidy", Ct);
        }, Ct, "refs/heads/main:refs/heads/main", "refs/heads/feature:refs/heads/feature", "refs/tags/v1.0:refs/tags/v1.0");
        return (first, second, feature);
    }
}
