using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using GitHost.Testing.Pipelines;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>
/// A repository that pipelines run in: a work tree whose pushes go through Git over HTTP as an admin
/// (so the push hooks record the events that trigger pipelines), and the REST address of its pipelines.
/// </summary>
internal sealed class PipelineRepo : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private PipelineRepo(GitHostTestServer server, string key, string slug, long id, GitWorkTree tree)
    {
        Server = server;
        Key = key;
        Slug = slug;
        Id = id;
        Tree = tree;
    }

    public GitHostTestServer Server { get; }

    public string Key { get; }

    public string Slug { get; }

    public long Id { get; }

    public GitWorkTree Tree { get; }

    public string Api => $"/rest/pipelines/1.0/projects/{Key}/repos/{Slug}/pipelines";

    public static async Task<PipelineRepo> CreateAsync(GitHostTestServer server, string key, string slug, CancellationToken cancellationToken)
    {
        var id = await server.CreateRepositoryAsync(key, slug, cancellationToken);
        return new PipelineRepo(server, key, slug, id, await GitWorkTree.InitAsync(cancellationToken));
    }

    /// <summary>Commits the pipelines file (and any other files) and pushes <paramref name="branch"/>; returns the commit.</summary>
    public async Task<string> PushAsync(string? pipelines, string message, CancellationToken cancellationToken, string branch = "main", params (string Path, string Content)[] files)
    {
        await Tree.GitAsync(cancellationToken, "checkout", "-q", "-B", branch);
        if (pipelines is not null)
        {
            await Tree.WriteAsync("bitbucket-pipelines.yml", pipelines);
        }

        foreach (var (path, content) in files)
        {
            await Tree.WriteAsync(path, content);
        }

        var commit = await Tree.CommitAsync(message, cancellationToken);
        (await Tree.PushAsync(Server.AdminCloneUrl(Key, Slug), cancellationToken, branch)).EnsureSuccess();
        return commit;
    }

    /// <summary>Waits until pipeline <paramref name="buildNumber"/> is recorded, then reads it over REST as the admin.</summary>
    public async Task<JsonElement> WaitForPipelineAsync(int buildNumber, CancellationToken cancellationToken)
    {
        await Server.Logs.WaitForAsync(line => line.Contains($"Pipeline #{buildNumber} of repository {Id} recorded", StringComparison.Ordinal), Deadline, cancellationToken);
        return await GetPipelineAsync(buildNumber, cancellationToken);
    }

    /// <summary>Reads pipeline <paramref name="buildNumber"/> over REST as the admin, for one already recorded (a run by hand answers once it is).</summary>
    public async Task<JsonElement> GetPipelineAsync(int buildNumber, CancellationToken cancellationToken)
    {
        using var admin = Server.AdminClient();
        return await (await admin.GetAsync($"{Api}/{buildNumber}", cancellationToken)).ExpectAsync(HttpStatusCode.OK, cancellationToken);
    }

    public async Task<JsonElement> StepsAsync(int buildNumber, CancellationToken cancellationToken)
    {
        using var admin = Server.AdminClient();
        return (await (await admin.GetAsync($"{Api}/{buildNumber}/steps", cancellationToken)).ExpectAsync(HttpStatusCode.OK, cancellationToken)).GetProperty("values");
    }

    /// <summary>Creates a runner of this repository (with the usual labels unless <paramref name="labels"/> are given) and returns its registration token.</summary>
    public async Task<string> CreateRunnerAsync(string name, CancellationToken cancellationToken, params string[] labels)
    {
        using var admin = Server.AdminClient();
        var created = await (await admin.PostAsJsonAsync($"/rest/pipelines/1.0/projects/{Key}/repos/{Slug}/runners",
            new { name, labels = labels.Length > 0 ? labels : ["self.hosted", "linux.shell"] }, cancellationToken)).ExpectAsync(HttpStatusCode.Created, cancellationToken);
        Xunit.Assert.Equal("UNREGISTERED", created.GetProperty("state").GetProperty("status").GetString());
        return created.GetProperty("token").GetString()!;
    }

    /// <summary>A real runner of this repository, started and polling (its registration done), taking <paramref name="capacity"/> steps at once.</summary>
    public async Task<RunnerProcess> StartRunnerAsync(string name, CancellationToken cancellationToken, int capacity = 1)
    {
        var runner = RunnerProcess.Start(Server.BaseAddress, await CreateRunnerAsync(name, cancellationToken),
            settings: ("Runner__Capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await runner.WaitForOutputAsync("Polling", TimeSpan.FromSeconds(60), cancellationToken);
        return runner;
    }

    /// <summary>The whole log of <paramref name="step"/> (as the steps list returns it) of pipeline <paramref name="buildNumber"/>.</summary>
    public async Task<string> LogAsync(int buildNumber, JsonElement step, CancellationToken cancellationToken)
    {
        using var admin = Server.AdminClient();
        var response = await admin.GetAsync($"{Api}/{buildNumber}/steps/{Uri.EscapeDataString(step.GetProperty("uuid").GetString()!)}/log", cancellationToken);
        Xunit.Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public void Dispose() => Tree.Dispose();
}
