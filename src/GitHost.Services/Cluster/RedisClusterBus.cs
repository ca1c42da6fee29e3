using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GitHost.Services.Cluster;

/// <summary>
/// The cluster's bus over Redis pub/sub: one channel, each message "<c>{sender node id} {topic}</c>".
/// Redis does not keep messages for a subscriber that was away, so when the subscription comes back
/// after a cut, every handler runs once as if its topic had been published.
/// </summary>
public sealed partial class RedisClusterBus : IClusterBus
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ISubscriber _subscriber;
    private readonly ClusterNode _node;
    private readonly RedisChannel _channel;
    private readonly ILogger<RedisClusterBus> _logger;
    private readonly ConcurrentDictionary<string, Action[]> _handlers = new(StringComparer.Ordinal);

    public RedisClusterBus(IConnectionMultiplexer redis, ClusterNode node, RedisOptions options, ILogger<RedisClusterBus> logger)
    {
        _redis = redis;
        _subscriber = redis.GetSubscriber();
        _node = node;
        _logger = logger;
        _channel = RedisChannel.Literal(options.KeyPrefix + ":bus");
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
        _subscriber.Subscribe(_channel, (_, message) => Receive(message), CommandFlags.FireAndForget);
    }

    /// <summary>Asked on every request (by the caches), so it reads the connection state only.</summary>
    public bool Reliable => _subscriber.IsConnected(_channel);

    public void Publish(string topic)
    {
        try
        {
            _subscriber.Publish(_channel, _node.Id + " " + topic, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            // The other nodes see Reliable turn false on their side, or run every handler when they reconnect.
            Log.PublishFailed(_logger, e, topic);
        }
    }

    public void Subscribe(string topic, Action handler) =>
        _handlers.AddOrUpdate(topic, _ => [handler], (_, existing) => [.. existing, handler]);

    private void Receive(RedisValue message)
    {
        var text = (string?)message;
        var space = text?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (text is null || space <= 0 || text.AsSpan(0, space).SequenceEqual(_node.Id))
        {
            return;
        }

        if (_handlers.TryGetValue(text[(space + 1)..], out var handlers))
        {
            Run(handlers);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        Log.Disconnected(_logger, e.Exception, e.EndPoint?.ToString(), e.ConnectionType, e.FailureType);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        Log.Reconnected(_logger, e.EndPoint?.ToString(), e.ConnectionType);
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            foreach (var handlers in _handlers.Values)
            {
                Run(handlers);
            }
        }
    }

    private void Run(Action[] handlers)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler();
            }
            catch (Exception e)
            {
                Log.HandlerFailed(_logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Lost Redis at {EndPoint} ({ConnectionType}, {FailureType}); caches are bypassed until it is back")]
        public static partial void Disconnected(ILogger logger, Exception? exception, string? endPoint, ConnectionType connectionType, ConnectionFailureType failureType);

        [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Redis at {EndPoint} is back ({ConnectionType})")]
        public static partial void Reconnected(ILogger logger, string? endPoint, ConnectionType connectionType);

        [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Could not tell the other nodes about {Topic}")]
        public static partial void PublishFailed(ILogger logger, Exception exception, string topic);

        [LoggerMessage(EventId = 9004, Level = LogLevel.Error, Message = "A cluster bus handler failed")]
        public static partial void HandlerFailed(ILogger logger, Exception exception);
    }
}
