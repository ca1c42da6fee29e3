using GitHost.Data.PullRequests;
using GitHost.Data.Webhooks;

namespace GitHost.Services.Webhooks;

/// <summary>A webhook as REST shows it: the stored row without its secret and password.</summary>
public sealed record WebhookView(
    long Id, SettingsScope ScopeType, long ScopeId, string Name, string Url, IReadOnlyList<string> Events, bool Active,
    bool SslVerificationRequired, bool HasSecret, IReadOnlyDictionary<string, string> Configuration, string? Username,
    long CreatedDate, long UpdatedDate)
{
    public static WebhookView From(WebhookEntity entity) => new(
        entity.Id, entity.ScopeType, entity.ScopeId, entity.Name, entity.Url, WebhookRow.EventsOf(entity), entity.Active,
        entity.SslVerificationRequired, entity.Secret is not null, WebhookRow.ConfigurationOf(entity), entity.Username,
        entity.CreatedDate, entity.UpdatedDate);
}
