using GitHost.Core.Security;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>Bitbucket's <c>RestCommitMessageSuggestion</c>: the subject and body a merge would write now.</summary>
public sealed record CommitMessageSuggestion(string Title, string Body);

/// <summary>
/// <c>GET .../pull-requests/{id}/commit-message-suggestion</c>: what the merge dialog pre-fills, from the
/// same templates and commit summaries the merge itself uses, so what a client shows is what gets written.
/// </summary>
public sealed class CommitMessageSuggestions(PullRequestAccess access, PullRequestViews views, PullRequestSettingsStore settings, MergeCommits commits)
{
    public async Task<CommitMessageSuggestion> SuggestAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pullRequest = target.PullRequest;
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        var config = (await settings.EffectiveAsync(pullRequest.RepositoryId, view.Target.Project.Id, cancellationToken)).MergeConfig;
        var summaries = config.CommitSummaries > 0
            ? commits.Summaries(pullRequest.RepositoryId, pullRequest.ToCommit, pullRequest.FromCommit, config.CommitSummaries)
            : [];
        return new CommitMessageSuggestion(MergeMessages.Subject(view, config), MergeMessages.Body(view, config, summaries));
    }
}
