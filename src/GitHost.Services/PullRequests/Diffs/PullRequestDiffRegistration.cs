using GitHost.Services.PullRequests.Rescoping;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.PullRequests.Diffs;

public static class PullRequestDiffRegistration
{
    /// <summary>A pull request's diff, changes, commits and merge base, and rescoping when refs move.</summary>
    public static IServiceCollection AddPullRequestDiffs(this IServiceCollection services) => services
        .AddScoped<PullRequestDiffs>()
        .AddScoped<RescopeCommits>()
        .AddScoped<IPullRequestRescoping, PullRequestRescoper>();
}
