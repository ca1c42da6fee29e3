using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>
/// The list page is written by the source generator's fast path (GeneratedJson), the single pull
/// request by ASP.NET Core's serializer with the REST options: a pull request must come out as the
/// same bytes from both, escaping included.
/// </summary>
public sealed class PullRequestListBytesTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_listed_pull_request_is_byte_for_byte_the_one_read_alone(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRB", "bytes", Ct);
        await server.CreateUserAsync("rev-bytes", Ct);
        await server.GrantRepositoryAsync("PRB", "bytes", "rev-bytes", "REPO_READ", Ct);
        using var admin = server.AdminClient();
        const string title = "Quote \" apostrophe ' <tag> & ampersand \\ backslash";
        const string description = "Ünïcödé ✓ 🚀 tab\t newline\n control \u0001 plus + slash / </script>";
        var created = await (await admin.PostAsJsonAsync(repo.PullRequests, new
        {
            title,
            description,
            fromRef = new { id = "refs/heads/feature" },
            toRef = new { id = "refs/heads/main" },
            reviewers = new[] { new { user = new { name = "rev-bytes" } } },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var id = created.GetProperty("id").GetInt64();

        var listBody = await admin.GetByteArrayAsync(repo.PullRequests + "?state=ALL", Ct);
        var oneBody = await admin.GetByteArrayAsync($"{repo.PullRequests}/{id}", Ct);

        using var list = JsonDocument.Parse(listBody);
        var listed = Assert.Single(list.RootElement.GetProperty("values").EnumerateArray());
        Assert.Equal(title, listed.GetProperty("title").GetString());
        Assert.Equal(description, listed.GetProperty("description").GetString());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(oneBody), listed.GetRawText());
        // Bitbucket's escaping: quotes and markup characters are written as they are, not as \u0022 or \u003C.
        Assert.Contains("Quote \\\" apostrophe ' <tag> & ampersand", listed.GetRawText());
    }
}
