using GitHost.Data.Webhooks;

namespace GitHost.Services.Webhooks;

/// <summary>
/// One attempt as the history shows it (Bitbucket calls it an invocation): the attempt row, the
/// start of the body it sent (<see cref="WebhookHistory.ShownBodyLength"/> characters) and its
/// delivery's <c>X-Request-Id</c>.
/// </summary>
public sealed record WebhookInvocation(WebhookAttemptEntity Attempt, string Body, string RequestId);
