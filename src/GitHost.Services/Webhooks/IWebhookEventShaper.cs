using GitHost.Data.Outbox;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Turns a stored outbox message into the body Bitbucket sends. The one place where events recorded
/// in a shorter internal form (<c>repo:modified</c>, <c>repo:forked</c>, <c>project:modified</c>) get
/// their wire shape; the host implements it with its REST mappers.
/// </summary>
public interface IWebhookEventShaper
{
    /// <summary>Null when the event no longer names anything a webhook can hang off (its repository was deleted).</summary>
    Task<ShapedEvent?> ShapeAsync(OutboxMessageEntity message, CancellationToken cancellationToken);
}
