namespace GitHost.Data.Webhooks;

/// <summary>
/// One event owed to one webhook. Rows are written when an outbox message is fanned out and stay as
/// the delivery history; a delivery in flight holds a lease, so a server killed mid-delivery leaves
/// a row the next start takes again (at-least-once).
/// </summary>
public sealed class WebhookDeliveryEntity
{
    public long Id { get; set; }

    public long WebhookId { get; set; }

    /// <summary>The outbox message it came from; null for a manual redelivery copy.</summary>
    public long? OutboxMessageId { get; set; }

    /// <summary>The delivery a manual redelivery copied (no foreign key: the original may be purged first).</summary>
    public long? RedeliveryOfId { get; set; }

    public string EventKey { get; set; } = "";

    /// <summary>The exact body sent (and signed), fixed at fan-out so every attempt sends the same bytes.</summary>
    public string Body { get; set; } = "";

    /// <summary><c>X-Request-Id</c>, the same on every attempt so receivers can drop duplicates.</summary>
    public string RequestId { get; set; } = "";

    public WebhookDeliveryState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>Epoch ms when the event was recorded (enqueue time).</summary>
    public long CreatedDate { get; set; }

    /// <summary>Epoch ms before which no attempt is made (backoff).</summary>
    public long NextAttemptDate { get; set; }

    /// <summary>Epoch ms until which a dispatcher owns the row; a later start reclaims an expired lease.</summary>
    public long? LeaseUntil { get; set; }

    public long? StartDate { get; set; }

    public long? FinishDate { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>Why the last attempt failed (connection refused, timeout, refused address...).</summary>
    public string? Error { get; set; }

    /// <summary>The receiver's answer, truncated.</summary>
    public string? ResponseBody { get; set; }
}
