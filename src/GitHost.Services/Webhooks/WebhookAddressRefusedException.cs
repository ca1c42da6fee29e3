namespace GitHost.Services.Webhooks;

/// <summary>Thrown from the connect step when every address a webhook host resolves to is refused.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
