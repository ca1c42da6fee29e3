using GitHost.Data.Pipelines;

namespace GitHost.Services.Pipelines.Runs;

/// <summary>A pipeline to record: for which commit and ref, started how and by whom.</summary>
/// <param name="ChangedFromCommit">The commit the changes that changeset conditions look at start from; null for the commit's first parent.</param>
public sealed record PipelineRequest(
    long RepositoryId,
    string CommitId,
    string? RefType,
    string? RefName,
    PipelineTrigger Trigger,
    long? CreatorUserId,
    string? ChangedFromCommit = null,
    long? PullRequestNumber = null,
    string? PullRequestDestinationBranch = null,
    IReadOnlyDictionary<string, string>? Variables = null,
    long? RerunOfId = null);
