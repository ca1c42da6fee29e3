using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Core.Permissions;
using GitHost.Data.Permissions;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Repositories;

/// <summary>Set-up and inspection shared by the repository tests: REST calls, grants, and the real git on disk.</summary>
internal static class RepositoryTestApi
{
    public static async Task CreateProjectAsync(this HttpClient admin, string key, CancellationToken ct, bool isPublic = false) =>
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name = "Project " + key, @public = isPublic }, ct))
            .ExpectAsync(HttpStatusCode.Created, ct);

    public static async Task<JsonElement> CreateRepoAsync(this HttpClient client, string projectKey, object body, CancellationToken ct) =>
        await (await client.PostAsJsonAsync($"/rest/api/1.0/projects/{projectKey}/repos", body, ct)).ExpectAsync(HttpStatusCode.Created, ct);

    public static Task<JsonElement> CreateRepoAsync(this HttpClient client, string projectKey, string name, CancellationToken ct) =>
        client.CreateRepoAsync(projectKey, new { name, scmId = "git" }, ct);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode status, CancellationToken ct) =>
        await (await client.GetAsync(path, ct)).ExpectAsync(status, ct);

    public static List<string> Slugs(this JsonElement page) =>
        page.GetProperty("values").EnumerateArray().Select(r => r.GetProperty("slug").GetString()!).ToList();

    public static string CloneHref(this JsonElement repository, string name) =>
        repository.GetProperty("links").GetProperty("clone").EnumerateArray()
            .Single(l => l.GetProperty("name").GetString() == name).GetProperty("href").GetString()!;

    public static string RepoPath(this GitHostTestServer server, long id) =>
        Path.Combine(server.DataHome, "shared", "repos", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static int RepoDirectoryCount(this GitHostTestServer server)
    {
        var root = Path.Combine(server.DataHome, "shared", "repos");
        return Directory.Exists(root) ? Directory.GetDirectories(root).Length : 0;
    }

    public static Task<int> RepositoryRowsAsync(this GitHostTestServer server, string projectKey) =>
        server.WithDatabaseAsync(db => db.Repositories.CountAsync(r => db.Projects.Any(p => p.Id == r.ProjectId && p.Key == projectKey)));

    public static Task<List<string>> OutboxPayloadsAsync(this GitHostTestServer server, string eventKey) =>
        server.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.EventKey == eventKey).Select(m => m.Payload).ToListAsync());

    public static Task GrantProjectAsync(this GitHostTestServer server, string projectKey, long userId, Permission permission) =>
        server.WithDatabaseAsync(async db =>
        {
            var projectId = await db.Projects.Where(p => p.Key == projectKey).Select(p => p.Id).SingleAsync();
            db.ProjectUserPermissions.Add(new ProjectUserPermissionEntity { ProjectId = projectId, UserId = userId, Permission = permission });
            return await db.SaveChangesAsync();
        });

    public static Task GrantRepositoryAsync(this GitHostTestServer server, long repositoryId, long userId, Permission permission) =>
        server.WithDatabaseAsync(async db =>
        {
            db.RepositoryUserPermissions.Add(new RepositoryUserPermissionEntity { RepositoryId = repositoryId, UserId = userId, Permission = permission });
            return await db.SaveChangesAsync();
        });

    /// <summary>Runs the real git and returns its trimmed stdout; fails the test on a non-zero exit.</summary>
    public static async Task<string> GitAsync(CancellationToken ct, string? workDir, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir ?? Path.GetTempPath(),
        };
        foreach (var argument in new[] { "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {await stderr}");
        return (await stdout).Trim();
    }

    /// <summary>Pushes one commit on <paramref name="branch"/> straight into a bare repository on disk; returns its id.</summary>
    public static async Task<string> CommitIntoAsync(string bareRepository, string branch, CancellationToken ct)
    {
        var work = Path.Combine(Path.GetTempPath(), "githost-work-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await GitAsync(ct, work, "init", "--quiet");
            await File.WriteAllTextAsync(Path.Combine(work, "README.md"), "hello\n", ct);
            await GitAsync(ct, work, "add", "README.md");
            await GitAsync(ct, work, "commit", "--quiet", "-m", "First");
            await GitAsync(ct, work, "push", "--quiet", bareRepository, "HEAD:refs/heads/" + branch);
            return await GitAsync(ct, work, "rev-parse", "HEAD");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
