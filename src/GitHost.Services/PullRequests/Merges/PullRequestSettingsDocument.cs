namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// The stored pull request settings of a project or a repository. A null member is not set at this
/// scope and is inherited (repository → project → defaults).
/// </summary>
public sealed record PullRequestSettingsDocument
{
    public int? RequiredApprovers { get; init; }

    public bool? RequiredAllApprovers { get; init; }

    public bool? RequiredAllTasksComplete { get; init; }

    public int? RequiredSuccessfulBuilds { get; init; }

    public bool? ResetApprovalsOnSourceChange { get; init; }

    public bool? DeleteSourceBranch { get; init; }

    public MergeConfigDocument? MergeConfig { get; init; }
}

/// <summary>The merge strategies set at one scope: Bitbucket replaces this as a whole (an empty one removes it).</summary>
public sealed record MergeConfigDocument(
    string DefaultStrategy, IReadOnlyList<string> EnabledStrategies, int CommitSummaries, CommitMessageTemplateDocument? CommitMessageTemplate = null);

/// <summary>Bitbucket's merge commit message template (<c>${id}</c>, <c>${title}</c>, <c>${toRefName}</c>, ...); null members use the default.</summary>
public sealed record CommitMessageTemplateDocument(string? Title, string? Body);
