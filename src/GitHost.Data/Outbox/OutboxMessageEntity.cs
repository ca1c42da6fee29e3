namespace GitHost.Data.Outbox;

/// <summary>
/// An event written in the same transaction as the change that caused it; background dispatchers
/// deliver it later, so a crash between the change and the delivery loses nothing.
/// </summary>
public sealed class OutboxMessageEntity
{
    public long Id { get; set; }

    /// <summary>Bitbucket event key, e.g. <c>repo:refs_changed</c> or <c>project:modified</c>.</summary>
    public string EventKey { get; set; } = "";

    public string Payload { get; set; } = "";

    public long? ActorUserId { get; set; }

    public long CreatedDate { get; set; }

    /// <summary>When the webhook fan-out took it.</summary>
    public long? ProcessedDate { get; set; }

    /// <summary>When the pipeline trigger took it (each consumer keeps its own mark, so neither waits for the other).</summary>
    public long? PipelinesProcessedDate { get; set; }

    public int Attempts { get; set; }
}
