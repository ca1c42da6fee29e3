using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Testing;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary>Merging through REST and reading the result back with a real git client.</summary>
internal static class MergeTestApi
{
    public static readonly string[] AllStrategies = ["no-ff", "ff", "ff-only", "squash", "squash-ff-only", "rebase-no-ff", "rebase-ff-only"];

    public static Task<HttpResponseMessage> SendMergeAsync(
        this PullRequestRepo repo, HttpClient client, long number, int version, CancellationToken cancellationToken, object? body = null) =>
        client.PostAsJsonAsync($"{repo.PullRequests}/{number}/merge?version={version}", body ?? new { }, cancellationToken);

    public static async Task EnableStrategiesAsync(this PullRequestRepo repo, HttpClient admin, CancellationToken cancellationToken, params string[] strategies)
    {
        var body = new
        {
            mergeConfig = new
            {
                defaultStrategy = new { id = strategies[0] },
                strategies = strategies.Select(id => new { id }).ToArray(),
            },
        };
        await (await admin.PostAsJsonAsync(repo.Api + "/settings/pull-requests", body, cancellationToken)).ExpectAsync(HttpStatusCode.OK, cancellationToken);
    }

    public static async Task SetAsync(this PullRequestRepo repo, HttpClient admin, object settings, CancellationToken cancellationToken) =>
        await (await admin.PostAsJsonAsync(repo.Api + "/settings/pull-requests", settings, cancellationToken)).ExpectAsync(HttpStatusCode.OK, cancellationToken);

    /// <summary>Fetches the server's branches into <c>refs/remotes/server/*</c> and returns the head of <paramref name="branch"/> (null when gone).</summary>
    public static async Task<string?> ServerHeadAsync(this PullRequestRepo repo, string branch, CancellationToken cancellationToken)
    {
        await repo.Tree.GitAsync(cancellationToken, "fetch", "--quiet", "--prune", repo.Url, "+refs/heads/*:refs/remotes/server/*");
        var found = await GitCli.RunAsync(repo.Tree.Path, ["rev-parse", "--verify", "--quiet", "refs/remotes/server/" + branch], cancellationToken);
        return found.ExitCode == 0 ? found.StandardOutput.Trim() : null;
    }

    /// <summary>Parents, tree, author name, committer name and full message of a fetched commit.</summary>
    public static async Task<CommitFacts> CommitAsync(this PullRequestRepo repo, string commit, CancellationToken cancellationToken)
    {
        var run = await repo.Tree.GitAsync(cancellationToken, "show", "-s", "--format=%P%x00%T%x00%an%x00%cn%x00%B", commit);
        var parts = run.StandardOutput.Split('\0');
        return new CommitFacts(parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), parts[1], parts[2], parts[3], parts[4]);
    }

    public static async Task<string> FileAsync(this PullRequestRepo repo, string commit, string path, CancellationToken cancellationToken) =>
        (await repo.Tree.GitAsync(cancellationToken, "show", commit + ":" + path)).StandardOutput;

    public static async Task<int> VersionAsync(this PullRequestRepo repo, HttpClient client, long number, CancellationToken cancellationToken) =>
        (await (await client.GetAsync($"{repo.PullRequests}/{number}", cancellationToken)).ExpectAsync(HttpStatusCode.OK, cancellationToken))
            .GetProperty("version").GetInt32();

    public static string ErrorName(this JsonElement error) => error.GetProperty("errors")[0].GetProperty("exceptionName").GetString()!;
}

internal sealed record CommitFacts(string[] Parents, string Tree, string Author, string Committer, string Message);
