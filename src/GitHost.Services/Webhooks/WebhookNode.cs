namespace GitHost.Services.Webhooks;

/// <summary>
/// This server's name in webhook leases: stable across restarts of the same install (machine and
/// data home), so a restarted server takes back what its killed predecessor held without waiting
/// for the leases to lapse.
/// </summary>
public sealed record WebhookNode(string Id);
