namespace GitHost.Services.Webhooks;

/// <summary>An outbox event as a webhook receives it: the body Bitbucket sends and where it happened.</summary>
public sealed record ShapedEvent(WebhookScope Scope, string Body);
