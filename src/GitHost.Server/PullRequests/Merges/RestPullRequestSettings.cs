using GitHost.Services.PullRequests.Merges;

namespace GitHost.Server.PullRequests.Merges;

/// <summary>Bitbucket's <c>RestRepositoryPullRequestSettings</c> (the project form carries the same keys).</summary>
internal sealed record RestPullRequestSettings(
    RestMergeConfig MergeConfig,
    RestRequiredCount RequiredApprovers,
    int RequiredApproversDeprecated,
    bool RequiredAllApprovers,
    bool RequiredAllTasksComplete,
    RestRequiredCount RequiredSuccessfulBuilds,
    int RequiredSuccessfulBuildsDeprecated,
    bool ResetApprovalsOnSourceChange,
    bool DeleteSourceBranch)
{
    public static RestPullRequestSettings From(PullRequestSettings settings) => new(
        RestMergeConfig.From(settings.MergeConfig, settings.MergeConfigSource),
        RestRequiredCount.From(settings.RequiredApprovers),
        settings.RequiredApprovers,
        settings.RequiredAllApprovers,
        settings.RequiredAllTasksComplete,
        RestRequiredCount.From(settings.RequiredSuccessfulBuilds),
        settings.RequiredSuccessfulBuilds,
        settings.ResetApprovalsOnSourceChange,
        settings.DeleteSourceBranch);
}

/// <summary>Bitbucket sends the count as a string.</summary>
internal sealed record RestRequiredCount(bool Enabled, string Count)
{
    public static RestRequiredCount From(int count) =>
        new(count > 0, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed record RestMergeConfig(
    RestCommitMessageTemplate CommitMessageTemplate,
    int CommitSummaries,
    RestMergeStrategy DefaultStrategy,
    IReadOnlyList<RestMergeStrategy> Strategies,
    string Type)
{
    public static RestMergeConfig From(MergeConfigDocument config, MergeConfigSource source) => new(
        new RestCommitMessageTemplate(
            config.CommitMessageTemplate?.Title ?? MergeMessages.DefaultTitle, config.CommitMessageTemplate?.Body ?? MergeMessages.DefaultBody),
        config.CommitSummaries,
        RestMergeStrategy.From(MergeStrategies.Find(config.DefaultStrategy)!, enabled: true),
        MergeStrategies.All.Select(s => RestMergeStrategy.From(s, config.EnabledStrategies.Contains(s.Id))).ToList(),
        source.ToString().ToLowerInvariant());
}

internal sealed record RestCommitMessageTemplate(string Title, string Body);

internal sealed record RestMergeStrategy(string Id, string Name, string Description, string Flag, bool Enabled, object Links)
{
    public static RestMergeStrategy From(MergeStrategy strategy, bool enabled) =>
        new(strategy.Id, strategy.Name, strategy.Description, strategy.Flag, enabled, new { });
}
