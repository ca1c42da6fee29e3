namespace GitHost.Data.Webhooks;

/// <summary>
/// One HTTP attempt of a delivery: the first try, each retry, and the first try of a manual
/// redelivery (a delivery of its own). The delivery row keeps only where it stands; this is what
/// happened each time, kept until the retention purge removes the delivery.
/// </summary>
public sealed class WebhookAttemptEntity
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    /// <summary>Copied from the delivery, so a hook's history and statistics need no join.</summary>
    public long WebhookId { get; set; }

    public string EventKey { get; set; } = "";

    /// <summary>1 for the first try of the delivery, then 2, 3...</summary>
    public int Number { get; set; }

    /// <summary>The URL posted to (the hook's URL may change between attempts).</summary>
    public string Url { get; set; } = "";

    /// <summary>Headers sent, as a JSON object; credentials appear only as a redacted marker.</summary>
    public string RequestHeaders { get; set; } = "";

    /// <summary>Bytes of the body sent (the body itself is the delivery's, the same on every attempt).</summary>
    public int RequestBodySize { get; set; }

    /// <summary>Epoch ms.</summary>
    public long StartDate { get; set; }

    public long FinishDate { get; set; }

    /// <summary>Null when there was no answer (see <see cref="Error"/>).</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why there was no usable answer, e.g. <c>TIMEOUT</c>, <c>CONNECTION_REFUSED</c>, <c>ADDRESS_REFUSED</c>.</summary>
    public string? ErrorKind { get; set; }

    public string? Error { get; set; }

    /// <summary>The receiver's answer, truncated to <c>ResponseBodyLimit</c>.</summary>
    public string? ResponseBody { get; set; }
}
