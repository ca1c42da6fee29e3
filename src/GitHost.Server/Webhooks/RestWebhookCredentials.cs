namespace GitHost.Server.Webhooks;

/// <summary>Basic credentials of a delivery; the password is accepted, never shown.</summary>
internal sealed record RestWebhookCredentials(string? Username, string? Password);
