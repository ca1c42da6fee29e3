using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.ReviewerGroups;
using GitHost.Server.Tests.TestData;
using GitHost.Server.Tests.Web;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Repositories;

/// <summary>
/// <c>GET /rest/api/1.0/profile/recent/repos</c> and the dashboard's list: repositories opened in the
/// web UI, newest first, only while the user may still see them.
/// </summary>
public sealed class RecentRepositoriesTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Recent = "/rest/api/1.0/profile/recent/repos";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Opened_repositories_are_listed_newest_first_and_only_while_they_may_be_seen(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var key = "RECENT" + provider.ToString()[..2].ToUpperInvariant();
        var user = "recent-viewer-" + key.ToLowerInvariant();
        foreach (var slug in new[] { "alpha", "beta", "gamma" })
        {
            await server.CreateRepositoryAsync(key, slug, Ct);
        }

        await server.CreateUserAsync(user, Ct);
        await server.GrantAsync($"/rest/api/1.0/projects/{key}", user, "PROJECT_READ", Ct);
        using var browser = await BrowserPage.SignedInAsync(server, user, Ct);
        using var client = server.Client(user);
        using var admin = server.AdminClient();

        var before = await SlugsAsync(client, Recent);
        foreach (var page in new[] { "alpha", "beta/commits", "alpha/browse" })
        {
            var (response, _) = await browser.GetAsync($"/projects/{key}/repos/{page}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var listed = await SlugsAsync(client, Recent);
        var writable = await SlugsAsync(client, Recent + "?permission=REPO_WRITE");
        var (_, dashboard) = await browser.GetAsync("/dashboard", Ct);
        await (await admin.DeleteAsync($"/rest/api/1.0/projects/{key}/repos/beta", Ct)).ExpectAsync(HttpStatusCode.Accepted, Ct);
        var afterDelete = await SlugsAsync(client, Recent);
        await (await admin.DeleteAsync($"/rest/api/1.0/projects/{key}/permissions/users?name={user}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var afterRevoke = await SlugsAsync(client, Recent);

        Assert.Empty(before);
        Assert.Equal(["alpha", "beta"], listed);
        Assert.Empty(writable);
        Assert.Contains("Recently viewed repositories", dashboard, StringComparison.Ordinal);
        Assert.True(dashboard.IndexOf($"/projects/{key}/repos/alpha\"", StringComparison.Ordinal) < dashboard.IndexOf($"/projects/{key}/repos/beta\"", StringComparison.Ordinal));
        Assert.Equal(["alpha"], afterDelete);
        Assert.Empty(afterRevoke);
    }

    [Fact]
    public async Task Many_first_views_of_one_repository_at_once_all_answer_and_leave_one_entry()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("RECENTRACE", "raced", Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => browser.Http.GetAsync("/projects/RECENTRACE/repos/raced/commits", Ct)));
        using var admin = server.AdminClient();
        var listed = await SlugsAsync(admin, Recent + "?limit=1000");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(listed, slug => slug == "raced");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Pages_of_the_newest_repository_read_the_list_without_writing_it_and_another_repository_moves_it()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("RECENTKEEP", "first", Ct);
        await server.CreateRepositoryAsync("RECENTKEEP", "second", Ct);
        await server.CreateUserAsync("recent-keeper", Ct);
        await server.GrantAsync("/rest/api/1.0/projects/RECENTKEEP", "recent-keeper", "PROJECT_READ", Ct);
        using var browser = await BrowserPage.SignedInAsync(server, "recent-keeper", Ct);

        await browser.GetAsync("/projects/RECENTKEEP/repos/first/browse", Ct);
        var firstView = await ViewedDatesAsync(server);
        await browser.GetAsync("/projects/RECENTKEEP/repos/first/commits", Ct);
        var sameRepository = await ViewedDatesAsync(server);
        await browser.GetAsync("/projects/RECENTKEEP/repos/second/browse", Ct);
        await browser.GetAsync("/projects/RECENTKEEP/repos/first/browse", Ct);
        var afterOther = await ViewedDatesAsync(server);

        Assert.Equal(firstView, sameRepository);
        Assert.Equal(2, afterOther.Count);
        using var client = server.Client("recent-keeper");
        Assert.Equal(["first", "second"], await SlugsAsync(client, Recent));
    }

    /// <summary>The user's view dates, first's then second's, straight from the table.</summary>
    private static async Task<List<long>> ViewedDatesAsync(GitHostTestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Slug == "recent-keeper", Ct);
        return await db.RecentRepositories.AsNoTracking().Where(r => r.UserId == user.Id)
            .Join(db.Repositories.AsNoTracking(), r => r.RepositoryId, repo => repo.Id, (r, repo) => new { repo.Slug, r.ViewedDate })
            .OrderBy(x => x.Slug).Select(x => x.ViewedDate).ToListAsync(Ct);
    }

    [Fact]
    public async Task Anonymous_callers_are_asked_to_sign_in_and_a_project_permission_is_refused()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = server.Client();
        using var admin = server.AdminClient();

        using var unauthenticated = await anonymous.GetAsync(Recent, Ct);
        using var wrongLevel = await admin.GetAsync(Recent + "?permission=PROJECT_READ", Ct);
        using var nonsense = await admin.GetAsync(Recent + "?permission=%3Cscript%3E", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongLevel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
        Assert.Contains("\"context\":\"permission\"", await nonsense.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<List<string>> SlugsAsync(HttpClient client, string url)
    {
        using var page = JsonDocument.Parse(await (await client.GetAsync(url, Ct)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Ct));
        return page.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("slug").GetString()!).ToList();
    }
}
