using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Data.Webhooks;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Webhooks;

namespace GitHost.Server.Webhooks;

/// <summary>
/// <c>/rest/api/1.0/projects/{key}[/repos/{slug}]/webhooks</c>: Bitbucket's webhook management
/// (administrators of the scope only), plus GitHost's delivery history, attempts and redelivery
/// under <c>.../webhooks/{id}/deliveries</c> and <c>.../webhooks/{id}/attempts</c>.
/// </summary>
internal static class WebhookEndpoints
{
    private const string Project = "/projects/{projectKey}/webhooks";
    private const string Repo = "/projects/{projectKey}/repos/{repositorySlug}/webhooks";

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        foreach (var prefix in new[] { Project, Repo })
        {
            api.MapGet(prefix, ListAsync);
            api.MapPost(prefix, CreateAsync);
            api.MapPost(prefix + "/test", TestAsync);
            api.MapGet(prefix + "/{webhookId:long}", GetAsync);
            api.MapPut(prefix + "/{webhookId:long}", UpdateAsync);
            api.MapDelete(prefix + "/{webhookId:long}", DeleteAsync);
            api.MapGet(prefix + "/{webhookId:long}/latest", LatestAsync);
            api.MapGet(prefix + "/{webhookId:long}/statistics", StatisticsAsync);
            api.MapGet(prefix + "/{webhookId:long}/statistics/summary", SummaryAsync);
            api.MapGet(prefix + "/{webhookId:long}/deliveries", DeliveriesAsync);
            api.MapGet(prefix + "/{webhookId:long}/deliveries/{deliveryId:long}", DeliveryAsync);
            api.MapGet(prefix + "/{webhookId:long}/deliveries/{deliveryId:long}/attempts", DeliveryAttemptsAsync);
            api.MapGet(prefix + "/{webhookId:long}/attempts", AttemptsAsync);
            api.MapPost(prefix + "/{webhookId:long}/deliveries/{deliveryId:long}/redeliver", RedeliverAsync);
        }

        api.MapGet(Repo + "/search", SearchAsync);
        return api;
    }

    private static Task<WebhookTarget> TargetAsync(HttpContext http, WebhookService hooks) =>
        hooks.AdministeredAsync(http.GetPrincipal(), (string)http.GetRouteValue("projectKey")!, http.GetRouteValue("repositorySlug") as string, http.RequestAborted);

    private static async Task<IResult> ListAsync(HttpContext http, WebhookService hooks, WebhookHistory history, int? start, int? limit)
    {
        var target = await TargetAsync(http, hooks);
        var list = await hooks.ListAsync(target, http.Request.Query["event"].OfType<string>().ToList(), inherited: false, http.RequestAborted);
        return await PageAsync(http, history, list, start, limit);
    }

    private static async Task<IResult> SearchAsync(HttpContext http, WebhookService hooks, WebhookHistory history, int? start, int? limit)
    {
        var target = await TargetAsync(http, hooks);
        var scopes = http.Request.Query["scopeType"].OfType<string>().Select(s => s.ToLowerInvariant()).ToHashSet();
        if (scopes.Any(s => s is not ("project" or "repository")))
        {
            throw GitHostException.Invalid("scopeType is 'project' or 'repository'.", "scopeType");
        }

        var list = await hooks.ListAsync(target, http.Request.Query["event"].OfType<string>().ToList(), inherited: true, http.RequestAborted);
        var wanted = list.Where(v => scopes.Count == 0 || scopes.Contains(v.ScopeType == Data.PullRequests.SettingsScope.Project ? "project" : "repository")).ToList();
        return await PageAsync(http, history, wanted, start, limit);
    }

    private static async Task<IResult> PageAsync(HttpContext http, WebhookHistory history, IReadOnlyList<WebhookView> list, int? start, int? limit)
    {
        var page = Page<WebhookView>.From(list, PageRequest.Create(start, limit));
        var statistics = QueryValues.Flag(http.Request, "statistics");
        var values = new List<RestWebhook>();
        foreach (var view in page.Values)
        {
            values.Add(RestWebhook.From(view, statistics ? Counts(await history.StatisticsAsync(view.Id, null, http.RequestAborted)) : null));
        }

        return TypedResults.Ok(new RestPage<RestWebhook>(values.Count, page.Request.Limit, page.IsLastPage, page.Request.Start, page.NextPageStart, values));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, WebhookService hooks, RestWebhookRequest body)
    {
        var target = await TargetAsync(http, hooks);
        return TypedResults.Ok(RestWebhook.From(await hooks.CreateAsync(http.GetPrincipal(), target, body.ToInput(), http.RequestAborted)));
    }

    private static async Task<IResult> GetAsync(HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId)
    {
        var target = await TargetAsync(http, hooks);
        var view = WebhookView.From(await hooks.FindAsync(target, webhookId, http.RequestAborted));
        var statistics = QueryValues.Flag(http.Request, "statistics") ? Counts(await history.StatisticsAsync(webhookId, null, http.RequestAborted)) : null;
        return TypedResults.Ok(RestWebhook.From(view, statistics));
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, WebhookService hooks, long webhookId, RestWebhookRequest body)
    {
        var target = await TargetAsync(http, hooks);
        return TypedResults.Ok(RestWebhook.From(await hooks.UpdateAsync(http.GetPrincipal(), target, webhookId, body.ToInput(), http.RequestAborted)));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, WebhookService hooks, long webhookId)
    {
        var target = await TargetAsync(http, hooks);
        await hooks.DeleteAsync(http.GetPrincipal(), target, webhookId, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> LatestAsync(HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId, string? @event, string? outcome)
    {
        var target = await TargetAsync(http, hooks);
        var hook = await hooks.FindAsync(target, webhookId, http.RequestAborted);
        return await history.LatestAsync(webhookId, @event, outcome, http.RequestAborted) is { } latest
            ? TypedResults.Ok(RestInvocation.From(latest, hook))
            : TypedResults.NoContent();
    }

    private static async Task<IResult> StatisticsAsync(HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId, string? @event)
    {
        var target = await TargetAsync(http, hooks);
        var hook = await hooks.FindAsync(target, webhookId, http.RequestAborted);
        var statistics = await history.StatisticsAsync(webhookId, @event, http.RequestAborted);
        return TypedResults.Ok(new
        {
            lastSuccess = statistics.LastSuccess is { } s ? RestInvocation.From(s, hook) : null,
            lastFailure = statistics.LastFailure is { } f ? RestInvocation.From(f, hook) : null,
            lastError = statistics.LastError is { } e ? RestInvocation.From(e, hook) : null,
            counts = CountsOf(statistics),
        });
    }

    private static async Task<IResult> SummaryAsync(HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId)
    {
        var target = await TargetAsync(http, hooks);
        await hooks.FindAsync(target, webhookId, http.RequestAborted);
        return TypedResults.Ok(Counts(await history.StatisticsAsync(webhookId, null, http.RequestAborted)));
    }

    private static async Task<IResult> DeliveriesAsync(HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId, string? state, int? start, int? limit)
    {
        var target = await TargetAsync(http, hooks);
        await hooks.FindAsync(target, webhookId, http.RequestAborted);
        WebhookDeliveryState? wanted = state?.ToUpperInvariant() switch
        {
            null or "" => null,
            "PENDING" => WebhookDeliveryState.Pending,
            "DELIVERED" => WebhookDeliveryState.Delivered,
            "DEAD_LETTER" => WebhookDeliveryState.Failed,
            _ => throw GitHostException.Invalid("state is PENDING, DELIVERED or DEAD_LETTER.", "state"),
        };
        var page = await history.DeliveriesAsync(webhookId, wanted, PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<object>.From(page, RestInvocation.Delivery));
    }

    private static async Task<IResult> DeliveryAsync(HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId, long deliveryId)
    {
        var target = await TargetAsync(http, hooks);
        await hooks.FindAsync(target, webhookId, http.RequestAborted);
        return TypedResults.Ok(RestInvocation.Delivery(await history.DeliveryAsync(webhookId, deliveryId, http.RequestAborted)));
    }

    private static async Task<IResult> DeliveryAttemptsAsync(HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId, long deliveryId, int? start, int? limit)
    {
        var target = await TargetAsync(http, hooks);
        var hook = await hooks.FindAsync(target, webhookId, http.RequestAborted);
        var page = await history.DeliveryAttemptsAsync(webhookId, deliveryId, PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<object>.From(page, invocation => RestInvocation.From(invocation, hook)));
    }

    private static async Task<IResult> AttemptsAsync(
        HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId, string? @event, string? outcome, int? start, int? limit)
    {
        var target = await TargetAsync(http, hooks);
        var hook = await hooks.FindAsync(target, webhookId, http.RequestAborted);
        var page = await history.AttemptsAsync(webhookId, @event, outcome, PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<object>.From(page, invocation => RestInvocation.From(invocation, hook)));
    }

    private static async Task<IResult> RedeliverAsync(HttpContext http, WebhookService hooks, WebhookHistory history, long webhookId, long deliveryId)
    {
        var target = await TargetAsync(http, hooks);
        await hooks.FindAsync(target, webhookId, http.RequestAborted);
        return TypedResults.Ok(RestInvocation.Delivery(await history.RedeliverAsync(webhookId, deliveryId, http.RequestAborted)));
    }

    /// <summary>Sends <c>diagnostics:ping</c> now, to the given URL or the hook's, and answers with what happened (always 200).</summary>
    private static async Task<IResult> TestAsync(
        HttpContext http, WebhookService hooks, WebhookAddressPolicy addresses, WebhookSender sender, string? url, long? webhookId, bool? sslVerificationRequired)
    {
        var target = await TargetAsync(http, hooks);
        var hook = webhookId is { } id ? await hooks.FindAsync(target, id, http.RequestAborted) : null;
        var credentials = http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0
            ? await http.Request.ReadFromJsonAsync<RestWebhookCredentials>(http.RequestAborted)
            : null;
        var destination = addresses.ValidUrl(url ?? hook?.Url).OriginalString;
        var body = JsonSerializer.Serialize(new { test = true });
        var outcome = await sender.SendAsync(
            new WebhookRequest(destination, WebhookEvents.Ping, body, Guid.NewGuid().ToString(), hook?.Secret,
                credentials?.Username ?? hook?.Username, credentials?.Password ?? hook?.Password, sslVerificationRequired ?? hook?.SslVerificationRequired ?? true),
            http.RequestAborted);
        return TypedResults.Ok(new
        {
            request = new { url = destination, method = "POST", headers = outcome.RequestHeaders, body },
            result = new
            {
                outcome = WebhookOutcomes.Of(outcome),
                status = outcome.StatusCode,
                description = outcome.Error,
                body = outcome.ResponseBody,
                duration = outcome.Duration,
            },
        });
    }

    private static object CountsOf(WebhookStatistics statistics) => new
    {
        successes = statistics.Successes,
        failures = statistics.Failures,
        errors = statistics.Errors,
        deadLetters = statistics.DeadLetters,
        pending = statistics.Pending,
    };

    private static object Counts(WebhookStatistics statistics) => new
    {
        counts = CountsOf(statistics),
        lastSuccessDate = statistics.LastSuccess?.Attempt.FinishDate,
        lastFailureDate = statistics.LastFailure?.Attempt.FinishDate,
        lastErrorDate = statistics.LastError?.Attempt.FinishDate,
    };
}
