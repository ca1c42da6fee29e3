using GitHost.Core.Security;
using GitHost.Git.Reading;
using LibGit2Sharp;
using Microsoft.Extensions.Options;

namespace GitHost.Services.PullRequests.Issues;

/// <summary>A Jira issue key a pull request mentions, with its browse address when a Jira base URL is configured.</summary>
public sealed record PullRequestIssue(string Key, string? Url);

/// <summary>
/// Bitbucket's <c>GET /rest/jira/1.0/.../pull-requests/{id}/issues</c> without a Jira: the issue keys
/// found in the pull request's title, its source branch name and the messages of its newest commits
/// (at most <see cref="JiraOptions.MaxCommits"/>), in that order, each once, at most <see cref="MaxKeys"/>.
/// Whether the issues exist is not known here; Bitbucket with a Jira link would drop unknown keys.
/// </summary>
public sealed class PullRequestIssues(PullRequestAccess access, GitRepositoryOpener opener, IOptions<JiraOptions> options)
{
    public const int MaxKeys = 100;

    public async Task<IReadOnlyList<PullRequestIssue>> ListAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var pullRequest = (await access.FindAsync(principal, projectKey, slug, number, cancellationToken)).PullRequest;
        var keys = new List<string>();
        IssueKeys.Collect(pullRequest.Title, keys, MaxKeys);
        IssueKeys.Collect(PullRequestRefs.DisplayId(pullRequest.FromRef), keys, MaxKeys);
        foreach (var message in CommitMessages(pullRequest.RepositoryId, pullRequest.ToCommit, pullRequest.FromCommit, options.Value.MaxCommits))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IssueKeys.Collect(message, keys, MaxKeys);
        }

        var browse = options.Value.BaseUrl?.TrimEnd('/');
        return keys.Select(k => new PullRequestIssue(k, string.IsNullOrEmpty(browse) ? null : $"{browse}/browse/{k}")).ToList();
    }

    /// <summary>The messages of the commits the source brings (the fork's commits are copied into the target, so one repository suffices).</summary>
    private List<string> CommitMessages(long repositoryId, string target, string source, int limit)
    {
        if (limit == 0)
        {
            return [];
        }

        using var repo = opener.Open(repositoryId);
        var filter = new CommitFilter { IncludeReachableFrom = source, ExcludeReachableFrom = target, SortBy = CommitSortStrategies.Topological };
        return repo.Commits.QueryBy(filter).Take(limit).Select(c => c.Message).ToList();
    }
}
