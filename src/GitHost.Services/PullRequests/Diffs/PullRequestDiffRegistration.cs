using GitHost.Services.Git;
using GitHost.Services.PullRequests.Rescoping;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.PullRequests.Diffs;

public static class PullRequestDiffRegistration
{
    /// <summary>A pull request's diff, changes, commits and merge base; rescoping when refs move, and the commits a ref event names.</summary>
    public static IServiceCollection AddPullRequestDiffs(this IServiceCollection services) => services
        .AddScoped<PullRequestDiffs>()
        .AddScoped<DiffCommentQuery>()
        .AddScoped<RescopeCommits>()
        .AddScoped<RefsChangedCommits>()
        .AddScoped<IPullRequestRescoping, PullRequestRescoper>();
}
