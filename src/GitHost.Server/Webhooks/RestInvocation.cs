using System.Globalization;
using GitHost.Data.PullRequests;
using GitHost.Data.Webhooks;
using GitHost.Services.Webhooks;

namespace GitHost.Server.Webhooks;

/// <summary>Bitbucket's RestDetailedInvocation: one delivery's latest attempt.</summary>
internal static class RestInvocation
{
    public static object From(WebhookDeliveryEntity delivery, WebhookEntity hook) => new
    {
        id = delivery.Id,
        @event = delivery.EventKey,
        eventScope = new
        {
            type = hook.ScopeType == SettingsScope.Project ? "project" : "repository",
            id = hook.ScopeId.ToString(CultureInfo.InvariantCulture),
        },
        start = delivery.StartDate,
        finish = delivery.FinishDate,
        duration = delivery.FinishDate - delivery.StartDate,
        request = new
        {
            url = hook.Url,
            method = "POST",
            headers = new Dictionary<string, string>
            {
                ["Content-Type"] = "application/json; charset=utf-8",
                ["X-Event-Key"] = delivery.EventKey,
                ["X-Request-Id"] = delivery.RequestId,
            },
            body = delivery.Body,
        },
        result = new
        {
            outcome = WebhookOutcomes.Of(delivery.StatusCode),
            description = delivery.Error ?? (delivery.StatusCode is { } code ? "HTTP " + code.ToString(CultureInfo.InvariantCulture) : null),
            statusCode = delivery.StatusCode,
            body = delivery.ResponseBody,
        },
    };

    /// <summary>A row of GitHost's delivery history (<c>.../webhooks/{id}/deliveries</c>).</summary>
    public static object Delivery(WebhookDeliveryEntity delivery) => new
    {
        id = delivery.Id,
        @event = delivery.EventKey,
        requestId = delivery.RequestId,
        state = delivery.State switch
        {
            WebhookDeliveryState.Delivered => "DELIVERED",
            WebhookDeliveryState.Failed => "DEAD_LETTER",
            _ => "PENDING",
        },
        attempts = delivery.Attempts,
        createdDate = delivery.CreatedDate,
        nextAttemptDate = delivery.State == WebhookDeliveryState.Pending ? delivery.NextAttemptDate : (long?)null,
        start = delivery.StartDate,
        finish = delivery.FinishDate,
        duration = delivery.FinishDate - delivery.StartDate,
        statusCode = delivery.StatusCode,
        error = delivery.Error,
        responseBody = delivery.ResponseBody,
        body = delivery.Body,
    };
}
