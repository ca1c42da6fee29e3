namespace GitHost.Services.PullRequests.Merges;

/// <summary>Where the effective merge configuration comes from (Bitbucket's <c>mergeConfig.type</c>).</summary>
public enum MergeConfigSource
{
    Default,

    /// <summary>The instance-wide level of the SCM (<c>/admin/pull-requests/git</c>).</summary>
    Scm,
    Project,
    Repository,
}

/// <summary>The effective pull request settings at a scope, with everything inherited filled in.</summary>
public sealed record PullRequestSettings(
    int RequiredApprovers,
    bool RequiredAllApprovers,
    bool RequiredAllTasksComplete,
    int RequiredSuccessfulBuilds,
    bool ResetApprovalsOnSourceChange,
    bool DeleteSourceBranch,
    MergeConfigDocument MergeConfig,
    MergeConfigSource MergeConfigSource)
{
    public static MergeConfigDocument DefaultMergeConfig { get; } =
        new(MergeStrategies.NoFastForward, [MergeStrategies.NoFastForward], 0);

    /// <summary>
    /// The nearest scope's value wins; documents are given nearest first. The global level holds only
    /// a merge configuration (Bitbucket's admin endpoint sets nothing else).
    /// </summary>
    public static PullRequestSettings Resolve(PullRequestSettingsDocument? repository, PullRequestSettingsDocument? project, MergeConfigDocument? global)
    {
        var (config, source) = repository?.MergeConfig is { } r ? (r, MergeConfigSource.Repository)
            : project?.MergeConfig is { } p ? (p, MergeConfigSource.Project)
            : global is { } g ? (g, MergeConfigSource.Scm)
            : (DefaultMergeConfig, MergeConfigSource.Default);
        return new PullRequestSettings(
            repository?.RequiredApprovers ?? project?.RequiredApprovers ?? 0,
            repository?.RequiredAllApprovers ?? project?.RequiredAllApprovers ?? false,
            repository?.RequiredAllTasksComplete ?? project?.RequiredAllTasksComplete ?? false,
            repository?.RequiredSuccessfulBuilds ?? project?.RequiredSuccessfulBuilds ?? 0,
            repository?.ResetApprovalsOnSourceChange ?? project?.ResetApprovalsOnSourceChange ?? false,
            repository?.DeleteSourceBranch ?? project?.DeleteSourceBranch ?? false,
            config,
            source);
    }
}
