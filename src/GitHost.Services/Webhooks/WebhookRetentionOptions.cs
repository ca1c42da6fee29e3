using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.Webhooks;

/// <summary>How long the delivery history and finished outbox events are kept, bound from <c>GitHost:Webhooks:Retention</c>.</summary>
public sealed class WebhookRetentionOptions
{
    public const string SectionName = "GitHost:Webhooks:Retention";

    /// <summary>Off keeps everything (the tables then grow with every event).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Delivered deliveries and their attempts, counted from the successful attempt.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Dead letters and their attempts, counted from the last attempt: longer, so there is time to look and redeliver.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan KeepFailed { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Outbox events every consumer has finished with, counted from when they finished.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan KeepProcessedEvents { get; set; } = TimeSpan.FromDays(3);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a first purge of a large table never holds SQLite's write lock for long.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
