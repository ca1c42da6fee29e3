using GitHost.Services.Comments;
using GitHost.Services.Content.Compare;
using GitHost.Services.PullRequests.AutoDecline;
using GitHost.Services.PullRequests.Diffs;
using GitHost.Services.PullRequests.Issues;
using GitHost.Services.PullRequests.Listing;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.PullRequests;

public static class PullRequestRegistration
{
    /// <summary>Pull requests. The host registers <see cref="IPullRequestEventSubjects"/> (the wire forms of events).</summary>
    public static IServiceCollection AddPullRequests(this IServiceCollection services) => services
        .AddScoped<PullRequestGit>()
        .AddScoped<PullRequestAccess>()
        .AddScoped<PullRequestViews>()
        .AddScoped<PullRequestReviewers>()
        .AddScoped<PullRequestActivities>()
        .AddScoped<PullRequestEvents>()
        .AddScoped<PullRequestCreation>()
        .AddScoped<PullRequestUpdate>()
        .AddScoped<PullRequestLifecycle>()
        .AddScoped<PullRequestDeletion>()
        .AddScoped<PullRequestListing>()
        .AddPullRequestIdLists()
        .AddScoped<PullRequestParticipants>()
        .AddScoped<PullRequestWatching>()
        .AddScoped<PullRequestDashboard>()
        .AddScoped<Suggestions.RecordedRefChanges>()
        .AddScoped<Suggestions.PullRequestSuggestions>()
        .AddPullRequestIssues()
        .AddScoped<CommitPullRequests>()
        .AddPullRequestDiffs()
        .AddRepositoryCompare()
        .AddPullRequestComments()
        .AddPullRequestMerges()
        .AddPullRequestAutoDecline();
}
