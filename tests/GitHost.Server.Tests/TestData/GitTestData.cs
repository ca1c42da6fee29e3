using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Testing;

namespace GitHost.Server.Tests.TestData;

/// <summary>Real repositories with real commits: created through REST, filled with the real git client.</summary>
internal static class GitTestData
{
    /// <summary>Creates project <paramref name="projectKey"/> (if new) and repository <paramref name="slug"/> through REST; returns the repository id.</summary>
    public static async Task<long> CreateRepositoryAsync(this GitHostTestServer server, string projectKey, string slug, CancellationToken cancellationToken)
    {
        using var admin = server.AdminClient();
        var project = await admin.GetAsync($"/rest/api/1.0/projects/{projectKey}", cancellationToken);
        if (project.StatusCode == HttpStatusCode.NotFound)
        {
            await server.CreateProjectAsync(projectKey, cancellationToken);
        }

        var created = await admin.PostAsJsonAsync($"/rest/api/1.0/projects/{projectKey}/repos", new { name = slug }, cancellationToken);
        var json = await created.ExpectAsync(HttpStatusCode.Created, cancellationToken);
        return json.GetProperty("id").GetInt64();
    }

    /// <summary>
    /// Pushes the commits a test builds in <paramref name="build"/> straight into the bare repository
    /// on disk (no transport involved), so content tests do not depend on the git HTTP door.
    /// </summary>
    public static async Task PushDirectAsync(
        this GitHostTestServer server, long repositoryId, Func<GitWorkTree, Task> build, CancellationToken cancellationToken, params string[] refspecs)
    {
        using var tree = await GitWorkTree.InitAsync(cancellationToken);
        await build(tree);
        await tree.PushAsync(server.RepositoryPath(repositoryId), cancellationToken, refspecs);
    }

    /// <summary>
    /// Creates repository <paramref name="slug"/> in <paramref name="projectKey"/> and fills it with the
    /// commits <paramref name="build"/> makes (see <see cref="PushDirectAsync"/>): the one way content
    /// fixtures seed a repository.
    /// </summary>
    public static async Task<SeededRepository> SeedRepositoryAsync(
        this GitHostTestServer server, string projectKey, string slug, Func<GitWorkTree, Task> build, CancellationToken cancellationToken, params string[] refspecs)
    {
        var id = await server.CreateRepositoryAsync(projectKey, slug, cancellationToken);
        await server.PushDirectAsync(id, build, cancellationToken, refspecs);
        return new SeededRepository(projectKey, slug, id);
    }

    public static JsonElement Values(this JsonElement page) => page.GetProperty("values");
}
