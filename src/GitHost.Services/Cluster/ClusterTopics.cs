namespace GitHost.Services.Cluster;

/// <summary>What the nodes tell each other over <see cref="IClusterBus"/>.</summary>
public static class ClusterTopics
{
    /// <summary>An event was saved to the outbox: wake the webhook and pipeline dispatchers.</summary>
    public const string Outbox = "outbox";

    /// <summary>The webhook fan-out made deliveries: wake the hooks' workers, whichever node leases them.</summary>
    public const string WebhookDeliveries = "webhook-deliveries";

    /// <summary>A pipeline step became ready: wake the runners' long polls.</summary>
    public const string PipelineQueue = "pipeline-queue";

    /// <summary>Users, passwords or tokens changed: forget verified credentials.</summary>
    public const string Credentials = "credentials";

    /// <summary>Grants or memberships changed: forget cached permissions.</summary>
    public const string Grants = "grants";

    /// <summary>An administrator changed the rate limits: read them again.</summary>
    public const string RateLimitSettings = "rate-limit-settings";

    /// <summary>A session may have ended: check browser sessions at their next request.</summary>
    public const string Sessions = "sessions";
}
