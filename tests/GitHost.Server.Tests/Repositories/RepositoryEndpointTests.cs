using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Repositories;

public sealed class RepositoryEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Created_repository_has_bitbucket_shape_and_a_bare_repository_on_disk(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("SHAPE", Ct);

        var created = await admin.CreateRepoAsync("shape", new { name = "My Repo", scmId = "git", defaultBranch = "develop", description = "d", forkable = false }, Ct);

        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("my-repo", created.GetProperty("slug").GetString());
        Assert.Equal("My Repo", created.GetProperty("name").GetString());
        Assert.Equal("git", created.GetProperty("scmId").GetString());
        Assert.Equal("AVAILABLE", created.GetProperty("state").GetString());
        Assert.Equal("develop", created.GetProperty("defaultBranch").GetString());
        Assert.False(created.GetProperty("forkable").GetBoolean());
        Assert.False(created.GetProperty("public").GetBoolean());
        Assert.Matches("^[0-9a-f]{20}$", created.GetProperty("hierarchyId").GetString());
        Assert.Equal("SHAPE", created.GetProperty("project").GetProperty("key").GetString());
        Assert.False(created.TryGetProperty("origin", out _));
        Assert.Equal($"http://admin@{server.BaseAddress.Authority}/scm/shape/my-repo.git", created.CloneHref("http"));
        // Test servers run without SSH unless asked (GitSsh tests check the ssh link with the real port).
        Assert.DoesNotContain(created.GetProperty("links").GetProperty("clone").EnumerateArray(), l => l.GetProperty("name").GetString() == "ssh");
        Assert.EndsWith("/projects/SHAPE/repos/my-repo/browse", created.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());

        var path = server.RepoPath(id);
        Assert.Equal("true", await RepositoryTestApi.GitAsync(Ct, null, "--git-dir", path, "rev-parse", "--is-bare-repository"));
        Assert.Equal("refs/heads/develop", await RepositoryTestApi.GitAsync(Ct, null, "--git-dir", path, "symbolic-ref", "HEAD"));
        Assert.Contains(await server.OutboxPayloadsAsync("repo:created"), p => p.Contains($"\"repositoryId\":{id},", StringComparison.Ordinal));

        var fetched = await admin.GetJsonAsync("/rest/api/latest/projects/shape/repos/MY-REPO", HttpStatusCode.OK, Ct);
        Assert.Equal(id, fetched.GetProperty("id").GetInt64());
    }

    [Theory]
    [AllDatabases]
    public async Task Clone_link_carries_no_user_for_anonymous_callers(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        using var anonymous = server.Client();
        await admin.CreateProjectAsync("OPENLINK", Ct);
        await admin.CreateRepoAsync("OPENLINK", new { name = "open", @public = true }, Ct);

        var repo = await anonymous.GetJsonAsync("/rest/api/1.0/projects/OPENLINK/repos/open", HttpStatusCode.OK, Ct);

        Assert.Equal($"http://{server.BaseAddress.Authority}/scm/openlink/open.git", repo.CloneHref("http"));
        Assert.True(repo.GetProperty("public").GetBoolean());
    }

    [Theory]
    [AllDatabases]
    public async Task Duplicate_name_or_slug_is_a_conflict_and_creates_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("DUPS", Ct);
        await admin.CreateRepoAsync("DUPS", "Dup Repo", Ct);
        var directories = server.RepoDirectoryCount();

        foreach (var name in new[] { "dup repo", "Dup-Repo", "DUP_REPO".Replace('_', ' ') })
        {
            var error = await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/DUPS/repos", new { name }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
            Assert.Equal("com.atlassian.bitbucket.repository.DuplicateRepositoryNameException", error.ExceptionName());
        }

        Assert.Equal(1, await server.RepositoryRowsAsync("DUPS"));
        Assert.Equal(directories, server.RepoDirectoryCount());
    }

    [Theory]
    [AllDatabases]
    public async Task Invalid_input_is_rejected_and_creates_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("INVALID", Ct);
        var directories = server.RepoDirectoryCount();
        object[] bodies =
        [
            new { name = "../x" },
            new { name = "a/b" },
            new { name = "..\\..\\etc" },
            new { name = "nul\0name" },
            new { name = "evil\u202Egnp.exe" },
            new { name = "zero\u200Bwidth" },
            new { name = new string('a', 129) },
            new { name = "" },
            new { name = "   " },
            new { name = ".hidden" },
            new { name = "-dash" },
            new { description = "no name" },
            new { name = "fine", scmId = "hg" },
            new { name = "fine", defaultBranch = "bad..branch" },
            new { name = "fine", defaultBranch = "-x" },
        ];

        foreach (var body in bodies)
        {
            var response = await admin.PostAsJsonAsync("/rest/api/1.0/projects/INVALID/repos", body, Ct);
            var error = await response.ExpectAsync(HttpStatusCode.BadRequest, Ct);
            Assert.Equal("com.atlassian.bitbucket.validation.ArgumentValidationException", error.ExceptionName());
        }

        Assert.Equal(0, await server.RepositoryRowsAsync("INVALID"));
        Assert.Equal(directories, server.RepoDirectoryCount());
        await admin.CreateRepoAsync("INVALID", new { name = new string('a', 128) }, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Private_repository_is_hidden_from_outsiders_and_anonymous_callers(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("SECRET", Ct);
        await admin.CreateRepoAsync("SECRET", "vault", Ct);
        await server.CreateUserAsync("outsider-" + provider, Ct);
        using var outsider = server.Client("outsider-" + provider);
        using var anonymous = server.Client();

        var asOutsider = await outsider.GetJsonAsync("/rest/api/1.0/projects/SECRET/repos/vault", HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.repository.NoSuchRepositoryException", asOutsider.ExceptionName());
        await anonymous.GetJsonAsync("/rest/api/1.0/projects/SECRET/repos/vault", HttpStatusCode.Unauthorized, Ct);
        await outsider.GetJsonAsync("/rest/api/1.0/projects/SECRET/repos", HttpStatusCode.NotFound, Ct);
        await anonymous.GetJsonAsync("/rest/api/1.0/projects/SECRET/repos", HttpStatusCode.Unauthorized, Ct);
        var search = await outsider.GetJsonAsync("/rest/api/1.0/repos?projectkey=SECRET", HttpStatusCode.OK, Ct);
        Assert.Empty(search.Slugs());
    }

    [Theory]
    [AllDatabases]
    public async Task Public_repository_is_readable_anonymously_without_exposing_its_siblings(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        using var anonymous = server.Client();
        await admin.CreateProjectAsync("MIXED", Ct);
        await admin.CreateRepoAsync("MIXED", new { name = "shown", @public = true }, Ct);
        await admin.CreateRepoAsync("MIXED", "hidden", Ct);

        await anonymous.GetJsonAsync("/rest/api/1.0/projects/MIXED/repos/shown", HttpStatusCode.OK, Ct);
        await anonymous.GetJsonAsync("/rest/api/1.0/projects/MIXED/repos/hidden", HttpStatusCode.Unauthorized, Ct);
        var list = await anonymous.GetJsonAsync("/rest/api/1.0/projects/MIXED/repos", HttpStatusCode.OK, Ct);
        Assert.Equal(["shown"], list.Slugs());
    }

    [Theory]
    [AllDatabases]
    public async Task Project_list_is_ordered_by_slug_and_paged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("PAGED", Ct);
        foreach (var name in new[] { "delta", "alpha", "echo", "charlie", "bravo" })
        {
            await admin.CreateRepoAsync("PAGED", name, Ct);
        }

        var seen = new List<string>();
        int? start = 0;
        while (start is not null)
        {
            var page = await admin.GetJsonAsync($"/rest/api/1.0/projects/PAGED/repos?limit=2&start={start}", HttpStatusCode.OK, Ct);
            Assert.Equal(2, page.GetProperty("limit").GetInt32());
            seen.AddRange(page.Slugs());
            start = page.GetProperty("isLastPage").GetBoolean() ? null : page.GetProperty("nextPageStart").GetInt32();
        }

        Assert.Equal(["alpha", "bravo", "charlie", "delta", "echo"], seen);
    }

    [Theory]
    [AllDatabases]
    public async Task Users_create_repositories_in_their_personal_project_but_not_in_others(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var owner = "owner-" + provider;
        var other = "other-" + provider;
        await server.CreateUserAsync(owner, Ct);
        await server.CreateUserAsync(other, Ct);
        using var ownerClient = server.Client(owner);
        using var otherClient = server.Client(other);
        var key = "~" + owner.ToUpperInvariant();

        var created = await ownerClient.CreateRepoAsync(key, "mine", Ct);

        Assert.Equal("PERSONAL", created.GetProperty("project").GetProperty("type").GetString());
        Assert.Equal(owner.ToLowerInvariant(), created.GetProperty("project").GetProperty("owner").GetProperty("slug").GetString());
        Assert.Equal($"http://{owner}@{server.BaseAddress.Authority}/scm/~{owner.ToLowerInvariant()}/mine.git", created.CloneHref("http"));
        Assert.EndsWith($"/users/{owner.ToLowerInvariant()}/repos/mine/browse", created.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());
        var list = await ownerClient.GetJsonAsync($"/rest/api/1.0/projects/{key}/repos", HttpStatusCode.OK, Ct);
        Assert.Equal(["mine"], list.Slugs());
        await (await otherClient.PostAsJsonAsync($"/rest/api/1.0/projects/{key}/repos", new { name = "intruder" }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await otherClient.GetJsonAsync($"/rest/api/1.0/projects/{key}/repos/mine", HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Creating_a_repository_needs_project_admin(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("WRITERS", Ct);
        var writerId = await server.CreateUserAsync("writer-" + provider, Ct);
        var projectAdminId = await server.CreateUserAsync("padmin-" + provider, Ct);
        await server.GrantProjectAsync("WRITERS", writerId, Permission.ProjectWrite);
        await server.GrantProjectAsync("WRITERS", projectAdminId, Permission.ProjectAdmin);
        using var writer = server.Client("writer-" + provider);
        using var projectAdmin = server.Client("padmin-" + provider);

        var denied = await (await writer.PostAsJsonAsync("/rest/api/1.0/projects/WRITERS/repos", new { name = "nope" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", denied.ExceptionName());
        await projectAdmin.CreateRepoAsync("WRITERS", "yes", Ct);
        Assert.Equal(1, await server.RepositoryRowsAsync("WRITERS"));
    }
}
