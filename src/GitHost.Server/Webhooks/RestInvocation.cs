using System.Globalization;
using System.Text.Json;
using GitHost.Data.PullRequests;
using GitHost.Data.Webhooks;
using GitHost.Services.Webhooks;

namespace GitHost.Server.Webhooks;

/// <summary>
/// Bitbucket's RestDetailedInvocation for one attempt (<c>id</c> is the attempt's), with GitHost's
/// additions <c>deliveryId</c>, <c>attempt</c> and <c>result.errorKind</c>; and GitHost's delivery rows.
/// </summary>
internal static class RestInvocation
{
    public static object From(WebhookInvocation invocation, WebhookEntity hook)
    {
        var attempt = invocation.Attempt;
        return new
        {
            id = attempt.Id,
            deliveryId = attempt.DeliveryId,
            attempt = attempt.Number,
            @event = attempt.EventKey,
            eventScope = new
            {
                type = hook.ScopeType == SettingsScope.Project ? "project" : "repository",
                id = hook.ScopeId.ToString(CultureInfo.InvariantCulture),
            },
            start = attempt.StartDate,
            finish = attempt.FinishDate,
            duration = attempt.FinishDate - attempt.StartDate,
            request = new
            {
                url = attempt.Url,
                method = "POST",
                headers = Headers(attempt.RequestHeaders),
                body = invocation.Body,
                bodySize = attempt.RequestBodySize,
                bodyTruncated = invocation.Body.Length >= WebhookHistory.ShownBodyLength && attempt.RequestBodySize > invocation.Body.Length,
            },
            result = new
            {
                outcome = WebhookOutcomes.Of(attempt.StatusCode),
                description = attempt.Error ?? (attempt.StatusCode is { } code ? "HTTP " + code.ToString(CultureInfo.InvariantCulture) : null),
                statusCode = attempt.StatusCode,
                errorKind = attempt.ErrorKind,
                body = attempt.ResponseBody,
            },
        };
    }

    /// <summary>A row of GitHost's delivery history (<c>.../webhooks/{id}/deliveries</c>): where the delivery stands and its last attempt.</summary>
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
        redeliveryOf = delivery.RedeliveryOfId,
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

    private static Dictionary<string, string> Headers(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            // Cut at the column's length: show nothing rather than half a header.
            return [];
        }
    }
}
