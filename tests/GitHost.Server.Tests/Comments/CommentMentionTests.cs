using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Server.Tests.Users;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Comments;

/// <summary><c>@name</c> and <c>@"Display Name"</c> in a comment render as links to users who can read the repository, and as plain text otherwise.</summary>
public sealed class CommentMentionTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Mentions_of_readers_are_links_and_others_stay_text(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var suffix = provider.ToString().ToLowerInvariant();
        using var repo = await PullRequestRepo.CreateAsync(server, "CME", "mentions", Ct);
        using var admin = server.AdminClient();
        await (await admin.CreateUserAsync("mia-" + suffix, Ct, displayName: "Mia Reader " + suffix)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.CreateUserAsync("evil-" + suffix, Ct, displayName: "Evil <script>alert(1)</script> " + suffix)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.CreateUserAsync("outsider-" + suffix, Ct, displayName: "Out Sider " + suffix)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "mia-" + suffix, "REPO_READ", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "evil-" + suffix, "REPO_READ", Ct);
        await repo.OpenAsync(admin, Ct);
        var text = $"Hi @mia-{suffix}, @\"Mia Reader {suffix}\" and @\"Evil <script>alert(1)</script> {suffix}\"; not @outsider-{suffix} nor @nobody-{suffix} nor me@mia-{suffix}.";

        var created = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/comments?markup=true", new { text }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var plain = await (await admin.GetAsync($"{repo.PullRequests}/1/comments/{created.GetProperty("id").GetInt64()}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var commit = await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{repo.FeatureHead}/comments?markup=true", new { text = $"cc @mia-{suffix}" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        var html = created.GetProperty("html").GetString()!;
        Assert.Equal(text, created.GetProperty("text").GetString());
        Assert.Equal(2, CountOf(html, $"href=\"/users/mia-{suffix}\""));
        Assert.Contains($"@Mia Reader {suffix}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/users/evil-{suffix}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/users/outsider", html, StringComparison.Ordinal);
        Assert.Contains($"@outsider-{suffix}", html, StringComparison.Ordinal);
        Assert.Contains($"me@mia-{suffix}", html, StringComparison.Ordinal);
        Assert.False(plain.TryGetProperty("html", out _));
        Assert.Contains($"href=\"/users/mia-{suffix}\"", commit.GetProperty("html").GetString()!, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
