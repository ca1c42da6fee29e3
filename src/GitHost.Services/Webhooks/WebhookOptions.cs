namespace GitHost.Services.Webhooks;

/// <summary>Webhook delivery settings, bound from <c>GitHost:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "GitHost:Webhooks";

    /// <summary>Off stops the dispatcher (events still pile up as outbox rows and go out once it is on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Attempts before a delivery becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after the first failure; doubled per failure (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Whole request, connect to last response byte.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Webhooks delivered at once; each hook has at most one delivery in flight.</summary>
    public int MaxParallelHooks { get; set; } = 64;

    /// <summary>
    /// When more hooks have deliveries due than <see cref="MaxParallelHooks"/>, how long a worker keeps its
    /// hook before it gives its place to the one that has waited longest (it finishes its batch first).
    /// </summary>
    public TimeSpan FairShare { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a worker whose hook has nothing due keeps it, waiting for its next delivery, before it gives
    /// it back (at once when other hooks wait for a worker).
    /// </summary>
    public TimeSpan WorkerLinger { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Outbox messages fanned out, or deliveries taken for one hook, per database round trip.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Fallback poll; the dispatcher is normally woken right after an event is saved.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a dispatcher owns a webhook without renewing; another node takes over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Bytes of a receiver's answer kept in the delivery history.</summary>
    public int ResponseBodyLimit { get; set; } = 16 * 1024;

    /// <summary>Deliveries to 127.0.0.0/8 and ::1. Off by default: a webhook must not reach the server's own ports.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Deliveries to link-local addresses (169.254.0.0/16, fe80::/10), which hold cloud metadata services.</summary>
    public bool AllowLinkLocal { get; set; }

    /// <summary>Deliveries to private networks (10/8, 172.16/12, 192.168/16, fc00::/7). On: CI servers of an on-prem install live there.</summary>
    public bool AllowPrivateNetworks { get; set; } = true;
}
