namespace GitHost.Services.Webhooks;

/// <summary>What one retention pass deleted.</summary>
public sealed record WebhookPurge(int Deliveries, int Attempts, int Events);
