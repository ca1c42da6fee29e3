using System.Net;
using System.Text.Json;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>Clone URLs, grants and process checks for tests that drive the real git client over HTTP.</summary>
internal static class GitHttpTestApi
{
    /// <summary><c>http://user:password@127.0.0.1:port/scm/key/slug.git</c> (no credentials for anonymous).</summary>
    public static string CloneUrl(this GitHostTestServer server, string key, string slug, string? user = null, string? password = null)
    {
        var builder = new UriBuilder(server.BaseAddress) { Path = $"/scm/{key.ToLowerInvariant()}/{slug}.git" };
        if (user is not null)
        {
            builder.UserName = Uri.EscapeDataString(user);
            builder.Password = Uri.EscapeDataString(password ?? GitHostTestServer.DefaultPassword);
        }

        return builder.Uri.ToString();
    }

    /// <summary>A smart-HTTP POST to <paramref name="path"/> with the content type git sends for <paramref name="service"/>.</summary>
    public static HttpRequestMessage GitPost(string path, string service, HttpContent content)
    {
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue($"application/x-{service}-request");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    public static string AdminCloneUrl(this GitHostTestServer server, string key, string slug) =>
        server.CloneUrl(key, slug, GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword);

    /// <summary>Runs the real git client in <paramref name="directory"/>; the caller checks the exit code.</summary>
    public static Task<GitRun> GitAsync(string directory, CancellationToken cancellationToken, params string[] arguments) =>
        GitCli.RunAsync(directory, arguments, cancellationToken);

    public static async Task GrantRepositoryAsync(
        this GitHostTestServer server, string key, string slug, string user, string permission, CancellationToken cancellationToken)
    {
        using var admin = server.AdminClient();
        var response = await admin.SendEmptyAsync(HttpMethod.Put,
            $"/rest/api/1.0/projects/{key}/repos/{slug}/permissions/users?name={user}&permission={permission}", cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public static async Task MakePublicAsync(this GitHostTestServer server, string key, string slug, CancellationToken cancellationToken)
    {
        using var admin = server.AdminClient();
        var response = await admin.PutAsync($"/rest/api/1.0/projects/{key}/repos/{slug}",
            new StringContent(JsonSerializer.Serialize(new { @public = true }), System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"making {key}/{slug} public answered {(int)response.StatusCode}");
    }

    /// <summary>The refs of the bare repository on disk, <c>sha ref</c> per line, sorted.</summary>
    public static async Task<string> RefsOnDiskAsync(this GitHostTestServer server, long repositoryId, CancellationToken cancellationToken) =>
        (await GitCli.RunAsync(server.RepositoryPath(repositoryId), ["for-each-ref", "--format=%(objectname) %(refname)"], cancellationToken))
            .EnsureSuccess().StandardOutput;

    /// <summary>
    /// git processes of this test process that work on the repository: the server runs in-process, so
    /// its upload-pack/receive-pack children are ours. Any left after a request finished are leaks.
    /// </summary>
    public static IReadOnlyList<int> ServerGitProcesses(this GitHostTestServer server, long repositoryId)
    {
        var me = Environment.ProcessId;
        var path = server.RepositoryPath(repositoryId);
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (int.Parse(fields[1]) == me && commandLine.Contains("--stateless-rpc") && commandLine.Contains(path))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    /// <summary>Waits (bounded) until the server's git processes for the repository are gone; returns what is left.</summary>
    public static async Task<IReadOnlyList<int>> WaitForNoServerGitAsync(this GitHostTestServer server, long repositoryId, CancellationToken cancellationToken)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<int> left;
        while ((left = server.ServerGitProcesses(repositoryId)).Count > 0 && elapsed.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, cancellationToken);
        }

        return left;
    }

    public static IEnumerable<string> LockFiles(this GitHostTestServer server, long repositoryId) =>
        Directory.EnumerateFiles(server.RepositoryPath(repositoryId), "*.lock", SearchOption.AllDirectories);
}
