using GitHost.Services.PullRequests.Merges;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.PullRequests;

public static class MergeRegistration
{
    /// <summary>Pull request settings, merging, rebasing and Bitbucket's bundled merge checks.</summary>
    public static IServiceCollection AddPullRequestMerges(this IServiceCollection services) => services
        .AddScoped<GlobalMergeConfig>()
        .AddScoped<PullRequestSettingsStore>()
        .AddScoped<MergeConflicts>()
        .AddScoped<MergeStatus>()
        .AddScoped<MergeCommits>()
        .AddScoped<Rebases.CommitReplay>()
        .AddScoped<Rebases.RebasePlanner>()
        .AddScoped<Rebases.PullRequestRebaser>()
        .AddScoped<MergeRefs>()
        .AddScoped<PullRequestMerger>()
        .AddScoped<AutoMerge>()
        .AddScoped<AutoMergeSettingsStore>()
        .AddScoped<CommitMessageSuggestions>()
        .AddScoped<IMergeCheckInputs>(sp => sp.GetRequiredService<AutoMerge>())
        .AddScoped<IPullRequestRescopeListener, ApprovalReset>()
        .AddScoped<IPullRequestRescopeListener, AutoMergeRescopeListener>()
        .AddScoped<IPullRequestRescopeListener, MergeRefListener>()
        .AddScoped<IMergeCheck, MinimumApprovalsCheck>()
        .AddScoped<IMergeCheck, AllReviewersApprovedCheck>()
        .AddScoped<IMergeCheck, NeedsWorkCheck>()
        .AddScoped<IMergeCheck, AllTasksResolvedCheck>()
        .AddScoped<IMergeCheck, MinimumSuccessfulBuildsCheck>();
}
