using GitHost.Data.Webhooks;

namespace GitHost.Services.Webhooks;

/// <summary>Outcome counts of a hook's deliveries (by their latest attempt) and the latest of each outcome.</summary>
public sealed record WebhookStatistics(
    int Successes, int Failures, int Errors, int DeadLetters, int Pending,
    WebhookDeliveryEntity? LastSuccess, WebhookDeliveryEntity? LastFailure, WebhookDeliveryEntity? LastError);
