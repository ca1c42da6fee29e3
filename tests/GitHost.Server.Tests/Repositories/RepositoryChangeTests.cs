using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Repositories;

/// <summary>Update (settings, rename, move) and delete.</summary>
public sealed class RepositoryChangeTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Update_changes_settings_and_answers_201(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("SETTINGS", Ct);
        var id = (await admin.CreateRepoAsync("SETTINGS", "settings", Ct)).GetProperty("id").GetInt64();

        var updated = await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/SETTINGS/repos/settings",
            new { description = "new text", defaultBranch = "refs/heads/trunk", @public = true, forkable = false }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal("new text", updated.GetProperty("description").GetString());
        Assert.Equal("trunk", updated.GetProperty("defaultBranch").GetString());
        Assert.True(updated.GetProperty("public").GetBoolean());
        Assert.False(updated.GetProperty("forkable").GetBoolean());
        Assert.Equal("settings", updated.GetProperty("slug").GetString());
        Assert.Equal("refs/heads/trunk", await RepositoryTestApi.GitAsync(Ct, null, "--git-dir", server.RepoPath(id), "symbolic-ref", "HEAD"));
        Assert.Contains(await server.OutboxPayloadsAsync("repo:modified"), p => p.Contains($"\"repositoryId\":{id},", StringComparison.Ordinal));
        var fetched = await admin.GetJsonAsync("/rest/api/1.0/projects/SETTINGS/repos/settings", HttpStatusCode.OK, Ct);
        Assert.Equal("new text", fetched.GetProperty("description").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Rename_changes_the_slug_and_keeps_the_directory(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("RENAME", Ct);
        var id = (await admin.CreateRepoAsync("RENAME", "Old Name", Ct)).GetProperty("id").GetInt64();
        var commit = await RepositoryTestApi.CommitIntoAsync(server.RepoPath(id), "main", Ct);

        var renamed = await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/RENAME/repos/old-name", new { name = "New Name" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal(id, renamed.GetProperty("id").GetInt64());
        Assert.Equal("new-name", renamed.GetProperty("slug").GetString());
        Assert.EndsWith("/scm/rename/new-name.git", renamed.CloneHref("http"));
        Assert.Equal(commit, await RepositoryTestApi.GitAsync(Ct, null, "--git-dir", server.RepoPath(id), "rev-parse", "refs/heads/main"));
        await admin.GetJsonAsync("/rest/api/1.0/projects/RENAME/repos/old-name", HttpStatusCode.NotFound, Ct);
        await admin.GetJsonAsync("/rest/api/1.0/projects/RENAME/repos/new-name", HttpStatusCode.OK, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Rename_onto_an_existing_name_is_a_conflict_and_changes_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("CLASH", Ct);
        await admin.CreateRepoAsync("CLASH", "first", Ct);
        await admin.CreateRepoAsync("CLASH", "second", Ct);

        var error = await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/CLASH/repos/second", new { name = "First", description = "x" }, Ct))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("com.atlassian.bitbucket.repository.DuplicateRepositoryNameException", error.ExceptionName());
        var second = await admin.GetJsonAsync("/rest/api/1.0/projects/CLASH/repos/second", HttpStatusCode.OK, Ct);
        Assert.False(second.TryGetProperty("description", out _));
    }

    [Theory]
    [AllDatabases]
    public async Task Move_needs_project_admin_on_the_target_and_keeps_the_directory(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("FROM", Ct);
        await admin.CreateProjectAsync("TOWARD", Ct);
        await admin.CreateProjectAsync("BARRED", Ct);
        var id = (await admin.CreateRepoAsync("FROM", "mover", Ct)).GetProperty("id").GetInt64();
        var userId = await server.CreateUserAsync("mover-" + provider, Ct);
        await server.GrantProjectAsync("FROM", userId, Permission.ProjectAdmin);
        await server.GrantProjectAsync("TOWARD", userId, Permission.ProjectAdmin);
        await server.GrantProjectAsync("BARRED", userId, Permission.ProjectWrite);
        using var user = server.Client("mover-" + provider);

        await (await user.PutAsJsonAsync("/rest/api/1.0/projects/FROM/repos/mover", new { project = new { key = "BARRED" } }, Ct))
            .ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var moved = await (await user.PutAsJsonAsync("/rest/api/1.0/projects/FROM/repos/mover", new { project = new { key = "toward" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal("TOWARD", moved.GetProperty("project").GetProperty("key").GetString());
        Assert.Equal(id, moved.GetProperty("id").GetInt64());
        Assert.Equal("true", await RepositoryTestApi.GitAsync(Ct, null, "--git-dir", server.RepoPath(id), "rev-parse", "--is-bare-repository"));
        await admin.GetJsonAsync("/rest/api/1.0/projects/FROM/repos/mover", HttpStatusCode.NotFound, Ct);
        await admin.GetJsonAsync("/rest/api/1.0/projects/TOWARD/repos/mover", HttpStatusCode.OK, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Update_needs_repo_admin(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("GUARDED", Ct);
        var id = (await admin.CreateRepoAsync("GUARDED", "guarded", Ct)).GetProperty("id").GetInt64();
        var writerId = await server.CreateUserAsync("repowriter-" + provider, Ct);
        await server.GrantRepositoryAsync(id, writerId, Permission.RepoWrite);
        using var writer = server.Client("repowriter-" + provider);

        var error = await (await writer.PutAsJsonAsync("/rest/api/1.0/projects/GUARDED/repos/guarded", new { name = "taken over" }, Ct))
            .ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", error.ExceptionName());
        await admin.GetJsonAsync("/rest/api/1.0/projects/GUARDED/repos/guarded", HttpStatusCode.OK, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Archived_repository_refuses_changes_until_unarchived(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("ATTIC", Ct);
        await admin.CreateRepoAsync("ATTIC", "old", Ct);
        const string path = "/rest/api/1.0/projects/ATTIC/repos/old";

        var archived = await (await admin.PutAsJsonAsync(path, new { archived = true }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PutAsJsonAsync(path, new { description = "x" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var unarchived = await (await admin.PutAsJsonAsync(path, new { archived = false, description = "x" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.True(archived.GetProperty("archived").GetBoolean());
        Assert.False(unarchived.GetProperty("archived").GetBoolean());
        Assert.Equal("x", unarchived.GetProperty("description").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Delete_removes_row_grants_and_directory_then_answers_204(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("DOOMED", Ct);
        var id = (await admin.CreateRepoAsync("DOOMED", "doomed", Ct)).GetProperty("id").GetInt64();
        var userId = await server.CreateUserAsync("grantee-" + provider, Ct);
        await server.GrantRepositoryAsync(id, userId, Permission.RepoRead);
        Assert.True(Directory.Exists(server.RepoPath(id)));

        await (await admin.DeleteAsync("/rest/api/1.0/projects/DOOMED/repos/doomed", Ct)).ExpectAsync(HttpStatusCode.Accepted, Ct);

        Assert.False(Directory.Exists(server.RepoPath(id)));
        Assert.Equal(0, await server.RepositoryRowsAsync("DOOMED"));
        Assert.False(await server.WithDatabaseAsync(db => db.RepositoryUserPermissions.AnyAsync(g => g.RepositoryId == id)));
        Assert.Contains(await server.OutboxPayloadsAsync("repo:deleted"), p => p.Contains($"\"repositoryId\":{id},", StringComparison.Ordinal));
        await (await admin.DeleteAsync("/rest/api/1.0/projects/DOOMED/repos/doomed", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await admin.GetJsonAsync("/rest/api/1.0/projects/DOOMED/repos/doomed", HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Delete_of_a_hidden_repository_reports_nothing_and_deletes_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("KEPT", Ct);
        var id = (await admin.CreateRepoAsync("KEPT", "kept", Ct)).GetProperty("id").GetInt64();
        var readerId = await server.CreateUserAsync("reader-" + provider, Ct);
        await server.CreateUserAsync("stranger-" + provider, Ct);
        await server.GrantRepositoryAsync(id, readerId, Permission.RepoRead);
        using var stranger = server.Client("stranger-" + provider);
        using var reader = server.Client("reader-" + provider);
        using var anonymous = server.Client();

        await (await stranger.DeleteAsync("/rest/api/1.0/projects/KEPT/repos/kept", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await anonymous.DeleteAsync("/rest/api/1.0/projects/KEPT/repos/kept", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await anonymous.DeleteAsync("/rest/api/1.0/projects/KEPT/repos/missing", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var denied = await (await reader.DeleteAsync("/rest/api/1.0/projects/KEPT/repos/kept", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", denied.ExceptionName());
        Assert.Equal(1, await server.RepositoryRowsAsync("KEPT"));
        Assert.True(Directory.Exists(server.RepoPath(id)));
    }

    [Theory]
    [AllDatabases]
    public async Task Deleting_an_origin_keeps_its_forks_as_ordinary_repositories(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("ORIGINS", Ct);
        await admin.CreateProjectAsync("FORKS", Ct);
        await admin.CreateRepoAsync("ORIGINS", "parent", Ct);
        var fork = await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/ORIGINS/repos/parent", new { project = new { key = "FORKS" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        await (await admin.DeleteAsync("/rest/api/1.0/projects/ORIGINS/repos/parent", Ct)).ExpectAsync(HttpStatusCode.Accepted, Ct);

        var orphan = await admin.GetJsonAsync("/rest/api/1.0/projects/FORKS/repos/parent", HttpStatusCode.OK, Ct);
        Assert.False(orphan.TryGetProperty("origin", out _));
        Assert.Equal(fork.GetProperty("hierarchyId").GetString(), orphan.GetProperty("hierarchyId").GetString());
        Assert.True(Directory.Exists(server.RepoPath(fork.GetProperty("id").GetInt64())));
    }
}
