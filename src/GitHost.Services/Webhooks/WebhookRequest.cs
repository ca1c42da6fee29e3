namespace GitHost.Services.Webhooks;

/// <summary>One POST to make: where, what, and how to sign it.</summary>
public sealed record WebhookRequest(
    string Url, string EventKey, string Body, string RequestId, string? Secret, string? Username, string? Password, bool SslVerificationRequired);
