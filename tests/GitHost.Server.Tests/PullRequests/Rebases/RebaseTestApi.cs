using System.Net.Http.Json;

namespace GitHost.Server.Tests.PullRequests.Rebases;

/// <summary>The rebase resource of a <see cref="PullRequestRepo"/>'s pull requests, in the <c>git</c> REST module.</summary>
internal static class RebaseTestApi
{
    public static string Rebase(this PullRequestRepo repo, long number, string version = "1.0") =>
        $"/rest/git/{version}/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/{number}/rebase";

    public static Task<HttpResponseMessage> SendRebaseAsync(this PullRequestRepo repo, HttpClient client, long number, int version, CancellationToken cancellationToken) =>
        client.PostAsJsonAsync(repo.Rebase(number), new { version }, cancellationToken);
}
