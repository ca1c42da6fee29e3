using GitHost.Data.Webhooks;

namespace GitHost.Services.Webhooks;

/// <summary>An attempt sent to <paramref name="Url"/> for <paramref name="Delivery"/>, not yet stored.</summary>
public sealed record MadeAttempt(WebhookDeliveryEntity Delivery, string Url, DeliveryOutcome Outcome);
