namespace GitHost.Services.Cluster;

/// <summary><c>GitHost:Redis</c>: the Redis server the nodes of a cluster talk through.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "GitHost:Redis";

    /// <summary>A StackExchange.Redis configuration string such as <c>127.0.0.1:6379</c>; empty means a single node.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every channel and key, so several installations can share one Redis server.</summary>
    public string KeyPrefix { get; set; } = "githost";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
