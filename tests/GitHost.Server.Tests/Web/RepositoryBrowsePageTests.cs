using System.Net;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>The repository page: its file tree, a file with line anchors, a binary file, an empty repository, and who may see it.</summary>
public sealed class RepositoryBrowsePageTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task The_tree_and_a_file_show_the_pushed_content_encoded(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var commit = "";
        await server.SeedRepositoryAsync("WEBTREE", "site", async tree =>
        {
            await tree.WriteAsync("README.md", "# Site\n");
            await tree.WriteAsync("src/app.js", "let a = 1;\nif (a < 2) { alert('<b>hi</b>'); }\n");
            await tree.WriteAsync("logo.bin", new byte[] { 0x89, 0x50, 0x00, 0x01 });
            commit = await tree.CommitAsync("Site", Ct);
        }, Ct, "HEAD:refs/heads/main");
        using var browser = new BrowserPage(server);
        await browser.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword, Ct);

        var (root, rootHtml) = await browser.GetAsync("/projects/WEBTREE/repos/site", Ct);
        var (file, fileHtml) = await browser.GetAsync("/projects/WEBTREE/repos/site/browse/src/app.js?at=" + commit, Ct);
        var (binary, binaryHtml) = await browser.GetAsync("/projects/WEBTREE/repos/site/browse/logo.bin", Ct);
        var (missing, _) = await browser.GetAsync("/projects/WEBTREE/repos/site/browse/no-such-file", Ct);

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("href=\"/projects/WEBTREE/repos/site/browse/src\"", rootHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/projects/WEBTREE/repos/site/browse/README.md\"", rootHtml, StringComparison.Ordinal);
        Assert.True(rootHtml.IndexOf(">src<", StringComparison.Ordinal) < rootHtml.IndexOf(">README.md<", StringComparison.Ordinal), "folders come first");
        Assert.Contains("/scm/webtree/site.git", rootHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("<tr id=\"2\"", fileHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#2\"", fileHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;hi&lt;/b&gt;", fileHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>hi</b>", fileHtml, StringComparison.Ordinal);
        Assert.Contains($"/rest/api/1.0/projects/WEBTREE/repos/site/raw/src/app.js?at={commit}", fileHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Assert.Contains("This is a binary file", binaryHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_empty_repository_says_how_to_push_the_first_commit()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("WEBEMPTY", "fresh", Ct);
        using var browser = new BrowserPage(server);
        await browser.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword, Ct);

        var (page, html) = await browser.GetAsync("/projects/WEBEMPTY/repos/fresh/browse", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("This repository is empty", html, StringComparison.Ordinal);
        Assert.Contains($"git remote add origin http://admin@{server.BaseAddress.Authority}/scm/webempty/fresh.git", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_the_user_may_not_see_is_a_404_that_names_nothing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.SeedRepositoryAsync("WEBSECRET", "vault", async tree =>
        {
            await tree.WriteAsync("secret.txt", "classified\n");
            await tree.CommitAsync("Vault", Ct);
        }, Ct, "HEAD:refs/heads/main");
        await server.CreateUserAsync("outsider", Ct);
        using var browser = new BrowserPage(server);
        await browser.SignInAsync("outsider", GitHostTestServer.DefaultPassword, Ct);

        var (page, html) = await browser.GetAsync("/projects/WEBSECRET/repos/vault/browse/secret.txt", Ct);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("classified", html, StringComparison.Ordinal);
        Assert.DoesNotContain("vault", html, StringComparison.Ordinal);
    }
}
