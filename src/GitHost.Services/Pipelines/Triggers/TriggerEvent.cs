namespace GitHost.Services.Pipelines.Triggers;

/// <summary>Something that may start pipelines, read from an outbox event.</summary>
public abstract record TriggerEvent(long RepositoryId, long? ActorUserId);

/// <summary>A branch or tag that now points at <see cref="ToHash"/> (created or moved; deletions start nothing).</summary>
/// <param name="FromHash">Where it pointed before; null when it was created.</param>
public sealed record RefMovedEvent(long RepositoryId, long? ActorUserId, bool IsTag, string Name, string? FromHash, string ToHash)
    : TriggerEvent(RepositoryId, ActorUserId);

/// <summary>A pull request opened, reopened or whose source branch moved.</summary>
public sealed record PullRequestSourceEvent(
    long RepositoryId, long? ActorUserId, long Number, string SourceBranch, string SourceCommit, string DestinationBranch, string? DestinationCommit)
    : TriggerEvent(RepositoryId, ActorUserId);
