using System.Text.Json;
using GitHost.Data.Webhooks;

namespace GitHost.Services.Webhooks;

/// <summary>Reads the packed columns of <see cref="WebhookEntity"/>.</summary>
internal static class WebhookRow
{
    public static IReadOnlyList<string> EventsOf(WebhookEntity entity) =>
        entity.Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static bool Wants(WebhookEntity entity, string eventKey) =>
        EventsOf(entity).Contains(eventKey, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> ConfigurationOf(WebhookEntity entity) =>
        entity.Configuration is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(entity.Configuration) ?? [];
}
