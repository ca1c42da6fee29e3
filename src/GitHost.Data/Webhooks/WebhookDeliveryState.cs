namespace GitHost.Data.Webhooks;

public enum WebhookDeliveryState
{
    /// <summary>Waiting for its turn or for its next attempt.</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Dead letter: every attempt failed; only a manual redelivery sends it again.</summary>
    Failed = 2,
}
