using GitHost.Data;
using GitHost.Data.Outbox;
using GitHost.Data.PullRequests;
using GitHost.Data.Webhooks;
using GitHost.Services.Webhooks;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>The retention purge, run against a clock the test sets: what goes, what stays, and that batches add up.</summary>
public sealed class WebhookRetentionTests(WebhookRetentionTests.QuietServers servers) : IClassFixture<WebhookRetentionTests.QuietServers>
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task The_purge_removes_only_expired_finished_deliveries_their_attempts_and_finished_events(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var days = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        var now = Now.ToUnixTimeMilliseconds();
        var ids = await server.WithDatabaseAsync(async db =>
        {
            var hook = new WebhookEntity { ScopeType = SettingsScope.Repository, ScopeId = 999_999, Name = "retention-" + provider, Url = "https://ci.example.invalid/", Events = "pr:deleted" };
            db.Webhooks.Add(hook);
            // Each marked taken by the pipeline trigger too (which takes every event within seconds anyway), so the
            // webhook side alone decides; an event the trigger has not taken yet is never purged.
            var events = new[] { Event(processed: now - 10 * days), Event(processed: now - 1 * days), Event(processed: null, created: now - 400 * days) };
            db.OutboxMessages.AddRange(events);
            await db.SaveChangesAsync(Ct);
            var deliveries = new Dictionary<string, WebhookDeliveryEntity>
            {
                ["old delivered"] = Delivery(hook.Id, WebhookDeliveryState.Delivered, now - 20 * days, events[0].Id),
                ["old delivered 2"] = Delivery(hook.Id, WebhookDeliveryState.Delivered, now - 15 * days, null),
                ["old delivered 3"] = Delivery(hook.Id, WebhookDeliveryState.Delivered, now - 15 * days - 1, null),
                ["recent delivered"] = Delivery(hook.Id, WebhookDeliveryState.Delivered, now - 13 * days, null),
                ["dead letter within its time"] = Delivery(hook.Id, WebhookDeliveryState.Failed, now - 20 * days, null),
                ["old dead letter"] = Delivery(hook.Id, WebhookDeliveryState.Failed, now - 61 * days, null),
                ["ancient pending"] = Delivery(hook.Id, WebhookDeliveryState.Pending, now - 400 * days, null),
            };
            db.WebhookDeliveries.AddRange(deliveries.Values);
            await db.SaveChangesAsync(Ct);
            foreach (var delivery in deliveries.Values)
            {
                db.WebhookAttempts.AddRange(Attempt(delivery, 1), Attempt(delivery, 2));
            }

            await db.SaveChangesAsync(Ct);
            return (Hook: hook.Id, Events: events.Select(e => e.Id).ToArray(), Deliveries: deliveries.ToDictionary(d => d.Key, d => d.Value.Id));
        });
        var retention = new WebhookRetention(
            server.Services.GetRequiredService<IServiceScopeFactory>(),
            server.Services.GetRequiredService<GitHost.Services.Cluster.ClusterJobs>(),
            new StaticOptions(new WebhookRetentionOptions { BatchSize = 2 }),
            new FixedClock(Now),
            NullLogger<WebhookRetention>.Instance);

        var purge = await retention.PurgeAsync(Ct);
        var again = await retention.PurgeAsync(Ct);

        var left = await server.WithDatabaseAsync(db => db.WebhookDeliveries.Where(d => d.WebhookId == ids.Hook).Select(d => d.Id).ToListAsync(Ct));
        var attemptsLeft = await server.WithDatabaseAsync(db => db.WebhookAttempts.Where(a => a.WebhookId == ids.Hook).Select(a => a.DeliveryId).ToListAsync(Ct));
        var eventsLeft = await server.WithDatabaseAsync(db => db.OutboxMessages.Where(m => ids.Events.Contains(m.Id)).Select(m => m.Id).ToListAsync(Ct));
        string[] kept = ["recent delivered", "dead letter within its time", "ancient pending"];
        Assert.Equal(kept.Select(k => ids.Deliveries[k]).Order(), left.Order());
        Assert.Equal(kept.SelectMany(k => new[] { ids.Deliveries[k], ids.Deliveries[k] }).Order(), attemptsLeft.Order());
        Assert.Equal(new[] { ids.Events[1], ids.Events[2] }, eventsLeft.Order());
        Assert.Equal(4, purge.Deliveries);
        Assert.Equal(8, purge.Attempts);
        Assert.True(purge.Events >= 1, $"purged {purge.Events} events");
        Assert.Equal(new WebhookPurge(0, 0, 0), again);
    }

    [Fact]
    public void Retention_options_out_of_range_fail_validation()
    {
        var validator = new DataAnnotationValidateOptions<WebhookRetentionOptions>(null);

        Assert.True(validator.Validate(null, new WebhookRetentionOptions()).Succeeded);
        Assert.True(validator.Validate(null, new WebhookRetentionOptions { BatchSize = 0 }).Failed);
        Assert.True(validator.Validate(null, new WebhookRetentionOptions { KeepDelivered = TimeSpan.Zero }).Failed);
        Assert.True(validator.Validate(null, new WebhookRetentionOptions { Interval = TimeSpan.FromDays(30) }).Failed);
    }

    /// <summary>No dispatcher: it would take the unprocessed event the test expects to stay.</summary>
    public sealed class QuietServers() : ServerPerProvider(new Dictionary<string, string?> { ["GitHost:Webhooks:Enabled"] = "false" });

    private static OutboxMessageEntity Event(long? processed, long? created = null) => new()
    {
        EventKey = "pr:deleted", Payload = "{}", CreatedDate = created ?? processed!.Value - 1000, ProcessedDate = processed,
        PipelinesProcessedDate = created ?? processed,
    };

    private static WebhookDeliveryEntity Delivery(long hookId, WebhookDeliveryState state, long finished, long? eventId) => new()
    {
        WebhookId = hookId,
        OutboxMessageId = eventId,
        EventKey = "pr:deleted",
        Body = "{}",
        RequestId = Guid.NewGuid().ToString(),
        State = state,
        Attempts = 2,
        CreatedDate = finished - 5000,
        NextAttemptDate = finished,
        StartDate = finished - 10,
        FinishDate = finished,
        StatusCode = state == WebhookDeliveryState.Delivered ? 200 : 500,
    };

    private static WebhookAttemptEntity Attempt(WebhookDeliveryEntity delivery, int number) => new()
    {
        DeliveryId = delivery.Id,
        WebhookId = delivery.WebhookId,
        EventKey = delivery.EventKey,
        Number = number,
        Url = "https://ci.example.invalid/",
        RequestHeaders = "{}",
        StartDate = delivery.FinishDate!.Value - 10,
        FinishDate = delivery.FinishDate.Value,
        StatusCode = delivery.StatusCode,
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class StaticOptions(WebhookRetentionOptions value) : IOptionsMonitor<WebhookRetentionOptions>
    {
        public WebhookRetentionOptions CurrentValue => value;

        public WebhookRetentionOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookRetentionOptions, string?> listener) => null;
    }
}
