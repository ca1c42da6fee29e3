namespace GitHost.Services.Webhooks;

/// <summary>
/// Outcome counts of a hook's attempts (every retry counts, as every Bitbucket invocation does),
/// how many deliveries are dead letters or still pending, and the latest attempt of each outcome.
/// </summary>
public sealed record WebhookStatistics(
    int Successes, int Failures, int Errors, int DeadLetters, int Pending,
    WebhookInvocation? LastSuccess, WebhookInvocation? LastFailure, WebhookInvocation? LastError);
