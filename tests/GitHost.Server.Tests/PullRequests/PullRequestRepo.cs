using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>
/// A repository with <c>main</c> and a <c>feature</c> branch one commit ahead, pushed through Git over
/// HTTP (so the push hooks run as for a user), and a work tree to push more from.
/// <code>
/// using var repo = await PullRequestRepo.CreateAsync(server, "PRS", "repo", ct);
/// var pr = await repo.OpenAsync(admin, ct);                      // feature → main, 201
/// await repo.PushAsync("feature", "second change", ct);          // moves the source branch
/// </code>
/// </summary>
internal sealed class PullRequestRepo : IDisposable
{
    private PullRequestRepo(GitHostTestServer server, string key, string slug, long id, GitWorkTree tree, string mainHead, string featureHead)
    {
        Server = server;
        Key = key;
        Slug = slug;
        Id = id;
        Tree = tree;
        MainHead = mainHead;
        FeatureHead = featureHead;
    }

    public GitHostTestServer Server { get; }

    public string Key { get; }

    public string Slug { get; }

    public long Id { get; }

    public GitWorkTree Tree { get; }

    public string MainHead { get; }

    public string FeatureHead { get; }

    public string Api => $"/rest/api/1.0/projects/{Key}/repos/{Slug}";

    public string PullRequests => Api + "/pull-requests";

    public string Url => Server.AdminCloneUrl(Key, Slug);

    public static async Task<PullRequestRepo> CreateAsync(GitHostTestServer server, string key, string slug, CancellationToken cancellationToken)
    {
        var id = await server.CreateRepositoryAsync(key, slug, cancellationToken);
        var tree = await GitWorkTree.InitAsync(cancellationToken);
        await tree.WriteAsync("README.md", "# readme\n");
        await tree.WriteAsync("src/app.txt", "one\ntwo\nthree\n");
        var main = await tree.CommitAsync("first", cancellationToken);
        await tree.GitAsync(cancellationToken, "checkout", "--quiet", "-b", "feature");
        await tree.WriteAsync("src/app.txt", "one\n2\nthree\nfour\n");
        var feature = await tree.CommitAsync("change app", cancellationToken);
        await tree.GitAsync(cancellationToken, "push", "--quiet", server.AdminCloneUrl(key, slug), "main", "feature");
        return new PullRequestRepo(server, key, slug, id, tree, main, feature);
    }

    /// <summary>Commits a change on <paramref name="branch"/> (created from <c>main</c> if new) and pushes it; returns the new head.</summary>
    public async Task<string> PushAsync(string branch, string message, CancellationToken cancellationToken, string file = "src/more.txt")
    {
        await Tree.GitAsync(cancellationToken, "checkout", "--quiet", "-B", branch, await BranchHeadAsync(branch, cancellationToken));
        await Tree.WriteAsync(file, message + "\n");
        var head = await Tree.CommitAsync(message, cancellationToken);
        await Tree.GitAsync(cancellationToken, "push", "--quiet", Url, branch);
        return head;
    }

    /// <summary>Creates the user <paramref name="reader"/> and lets them read this repository.</summary>
    public async Task AddReaderAsync(string reader, CancellationToken cancellationToken)
    {
        await Server.CreateUserAsync(reader, cancellationToken);
        await Server.GrantRepositoryAsync(Key, Slug, reader, "REPO_READ", cancellationToken);
    }

    /// <summary>Opens a pull request through REST and returns its JSON; fails unless 201.</summary>
    public async Task<JsonElement> OpenAsync(
        HttpClient client, CancellationToken cancellationToken, string from = "feature", string to = "main", string title = "A change", string[]? reviewers = null)
    {
        using var response = await SendOpenAsync(client, cancellationToken, from, to, title, reviewers);
        return await response.ExpectAsync(HttpStatusCode.Created, cancellationToken);
    }

    public Task<HttpResponseMessage> SendOpenAsync(
        HttpClient client, CancellationToken cancellationToken, string from = "feature", string to = "main", string title = "A change", string[]? reviewers = null) =>
        client.PostAsJsonAsync(PullRequests, new
        {
            title,
            description = "Please review.",
            fromRef = new { id = "refs/heads/" + from },
            toRef = new { id = "refs/heads/" + to },
            reviewers = (reviewers ?? []).Select(name => new { user = new { name } }).ToArray(),
        }, cancellationToken);

    public void Dispose() => Tree.Dispose();

    private async Task<string> BranchHeadAsync(string branch, CancellationToken cancellationToken)
    {
        var found = await GitCli.RunAsync(Tree.Path, ["rev-parse", "--verify", "--quiet", branch], cancellationToken);
        return found.ExitCode == 0 ? found.StandardOutput.Trim() : "main";
    }
}
