using GitHost.Server.PullRequests.AutoDecline;
using GitHost.Server.PullRequests.Merges;

namespace GitHost.Server.PullRequests;

/// <summary>Merging over REST: pull request settings, merge, merge checks, auto-merge and auto-decline settings.</summary>
internal static class MergeRestRegistration
{
    public static RouteGroupBuilder MapPullRequestMergeEndpoints(this RouteGroupBuilder api) => api
        .MapPullRequestSettingsEndpoints()
        .MapPullRequestMergeStatusEndpoints()
        .MapAutoMergeEndpoints()
        .MapAutoMergeSettingsEndpoints()
        .MapAutoDeclineSettingsEndpoints()
        .MapCommitMessageSuggestionEndpoints();
}
