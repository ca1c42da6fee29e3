using GitHost.Server.Hosting;
using GitHost.Server.Rest;
using GitHost.Services.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ClusterNode = GitHost.Services.Cluster.ClusterNode;

namespace GitHost.Server.Cluster;

/// <summary>
/// The parts that let several nodes share one database and data home. Everything is off on the embedded
/// default; setting <c>GitHost:Redis:Configuration</c> makes this node a cluster member.
/// </summary>
internal static class ClusterRegistration
{
    public static IServiceCollection AddGitHostCluster(this IServiceCollection services, IConfiguration configuration, DataHome home)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName)
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.NodeTimeout >= o.HeartbeatInterval * 2,
                "GitHost:Cluster:NodeTimeout must be at least twice GitHost:Cluster:HeartbeatInterval.")
            .ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName);
        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        var cluster = configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        var node = ClusterNode.For(cluster.EffectiveNodeName, home.Path, redis.IsConfigured);
        services.AddSingleton(node);
        if (redis.IsConfigured)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => Connect(redis.Configuration!, node));
            services.AddSingleton<IClusterBus>(provider => new RedisClusterBus(
                provider.GetRequiredService<IConnectionMultiplexer>(), node, provider.GetRequiredService<IOptions<RedisOptions>>().Value,
                provider.GetRequiredService<ILogger<RedisClusterBus>>()));
        }
        else
        {
            services.AddSingleton<IClusterBus, LocalClusterBus>();
        }

        services.AddScoped<ClusterLeases>();
        services.AddScoped<ClusterNodeDirectory>();
        services.AddSingleton<ClusterJobs>();
        services.AddSingleton<LocalNode>();
        services.AddSingleton<NodeHealth>();
        // Registered before the jobs, so it stops after them: it gives up their leases once they have ended.
        services.AddHostedService<ClusterHeartbeat>();
        return services;
    }

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapModule("api", "1.0", api => api.MapClusterEndpoints());
        return app;
    }

    /// <summary>
    /// Does not wait for Redis: a node starts (and serves, with its caches bypassed) while Redis is
    /// down, and the multiplexer keeps reconnecting in the background.
    /// </summary>
    private static ConnectionMultiplexer Connect(string configuration, ClusterNode node)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "githost-" + node.Name;
        options.ConnectRetry = Math.Max(options.ConnectRetry, 3);
        return ConnectionMultiplexer.Connect(options);
    }
}
