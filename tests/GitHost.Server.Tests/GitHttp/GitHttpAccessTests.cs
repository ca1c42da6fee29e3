using System.Net;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>Who may fetch and push over HTTP, as git sees it: 401 with a challenge, 404 "not found", 403 with a message.</summary>
public sealed class GitHttpAccessTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Anonymous_user_clones_a_public_repository_but_cannot_push_to_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("OPEN", "open", Ct);
        await server.PushDirectAsync(id, tree => tree.CommitAsync("one", Ct), Ct, "main");
        await server.MakePublicAsync("OPEN", "open", Ct);
        using var work = await GitWorkTree.InitAsync(Ct);

        var cloned = await GitHttpTestApi.GitAsync(work.Path, Ct, "clone", "--quiet", server.CloneUrl("OPEN", "open"), "c");
        Assert.True(cloned.ExitCode == 0, cloned.StandardError);
        var pushed = await GitHttpTestApi.GitAsync(Path.Combine(work.Path, "c"), Ct, "push", "origin", "HEAD:refs/heads/anon");

        Assert.NotEqual(0, pushed.ExitCode);
        Assert.DoesNotContain("refs/heads/anon", await server.RefsOnDiskAsync(id, Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task Private_repository_asks_anonymous_callers_to_authenticate(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("SECRET", "private", Ct);
        using var anonymous = server.Client();

        var response = await anonymous.GetAsync("/scm/secret/private.git/info/refs?service=git-upload-pack", Ct);
        using var work = await GitWorkTree.InitAsync(Ct);
        var cloned = await GitHttpTestApi.GitAsync(work.Path, Ct, "clone", server.CloneUrl("SECRET", "private"), "c");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"GitHost\"", response.Headers.WwwAuthenticate.ToString());
        Assert.NotEqual(0, cloned.ExitCode);
        // git got the Basic challenge and tried to ask for a user name (prompts are off in tests).
        Assert.Contains("Username", cloned.StandardError);
    }

    [Theory]
    [AllDatabases]
    public async Task User_without_access_is_told_the_repository_does_not_exist(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("NOACC", "hidden", Ct);
        var user = "outsider-" + provider.ToString().ToLowerInvariant();
        await server.CreateUserAsync(user, Ct);
        using var work = await GitWorkTree.InitAsync(Ct);

        var cloned = await GitHttpTestApi.GitAsync(work.Path, Ct, "clone", server.CloneUrl("NOACC", "hidden", user), "c");

        Assert.NotEqual(0, cloned.ExitCode);
        Assert.Contains("remote: Repository noacc/hidden does not exist.", cloned.StandardError);
        Assert.Contains("not found", cloned.StandardError);
    }

    [Theory]
    [AllDatabases]
    public async Task Read_only_user_clones_but_push_is_rejected_with_a_message(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("RO", "readonly", Ct);
        await server.PushDirectAsync(id, tree => tree.CommitAsync("one", Ct), Ct, "main");
        var user = "reader-" + provider.ToString().ToLowerInvariant();
        await server.CreateUserAsync(user, Ct);
        await server.GrantRepositoryAsync("RO", "readonly", user, "REPO_READ", Ct);
        using var work = await GitWorkTree.InitAsync(Ct);
        await work.GitAsync(Ct, "clone", "--quiet", server.CloneUrl("RO", "readonly", user), "c");
        var before = await server.RefsOnDiskAsync(id, Ct);

        var pushed = await GitHttpTestApi.GitAsync(Path.Combine(work.Path, "c"), Ct, "push", "origin", "HEAD:refs/heads/nope");

        Assert.NotEqual(0, pushed.ExitCode);
        Assert.Contains("remote: You have read-only access to RO/readonly", pushed.StandardError);
        Assert.Equal(before, await server.RefsOnDiskAsync(id, Ct));
    }

    /// <summary>The door's answer for each role, on a private and a public repository (reference §4: hidden → 404, anonymous → 401).</summary>
    [Theory]
    [InlineData(false, "info/refs?service=git-upload-pack", "GET", new[] { 401, 404, 200, 200, 200 })]
    [InlineData(false, "info/refs?service=git-receive-pack", "GET", new[] { 401, 404, 403, 200, 200 })]
    [InlineData(true, "info/refs?service=git-upload-pack", "GET", new[] { 200, 200, 200, 200, 200 })]
    [InlineData(true, "info/refs?service=git-receive-pack", "GET", new[] { 401, 403, 403, 200, 200 })]
    [InlineData(false, "git-upload-pack", "POST", new[] { 401, 404, 200, 200, 200 })]
    [InlineData(false, "git-receive-pack", "POST", new[] { 401, 404, 403, 200, 200 })]
    public async Task Door_answers_each_role_as_the_permission_service_decides(bool isPublic, string path, string method, int[] expected)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var slug = "matrix" + Guid.NewGuid().ToString("N")[..8];
        await server.CreateRepositoryAsync("MATRIX", slug, Ct);
        if (isPublic)
        {
            await server.MakePublicAsync("MATRIX", slug, Ct);
        }

        var roles = new List<HttpClient> { server.Client() };
        foreach (var (role, permission) in new[] { ("none", (string?)null), ("read", "REPO_READ"), ("write", "REPO_WRITE"), ("admin", "REPO_ADMIN") })
        {
            var name = $"{role}-{slug}";
            await server.CreateUserAsync(name, Ct);
            if (permission is not null)
            {
                await server.GrantRepositoryAsync("MATRIX", slug, name, permission, Ct);
            }

            roles.Add(server.Client(name));
        }

        var actual = new List<int>();
        foreach (var client in roles)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/scm/matrix/{slug}.git/{path}");
            if (method == "POST")
            {
                // An empty command list: receive-pack accepts it and does nothing; upload-pack wants a want line.
                request.Content = new ByteArrayContent("0000"u8.ToArray());
                request.Content.Headers.ContentType = new($"application/x-{path}-request");
            }

            actual.Add((int)(await client.SendAsync(request, Ct)).StatusCode);
            client.Dispose();
        }

        Assert.Equal(expected, actual);
    }
}
