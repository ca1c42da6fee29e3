using GitHost.Server.RateLimiting;
using GitHost.Services.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GitHost.Server.Hosting;

/// <summary>Per-user rate limiting for Basic and Bearer clients (<c>GitHost:RateLimit</c>, changed at run time by admins).</summary>
internal static class RateLimitingRegistration
{
    public static IServiceCollection AddGitHostRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimitSettingsStore>();
        services.AddSingleton<UserRateLimiter>();
        // In a cluster the buckets live in Redis, so a caller's limit holds across nodes.
        services.AddSingleton<IUserRateLimiter>(provider => provider.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisUserRateLimiter(
                redis, provider.GetRequiredService<UserRateLimiter>(), provider.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix,
                provider.GetRequiredService<ILogger<RedisUserRateLimiter>>())
            : provider.GetRequiredService<UserRateLimiter>());
        services.AddScoped<RateLimitAdministration>();
        services.AddScoped<GitHost.Web.Admin.IRateLimitAdministration>(sp => sp.GetRequiredService<RateLimitAdministration>());
        return services;
    }

    public static IApplicationBuilder UseGitHostRateLimiting(this IApplicationBuilder app) => app.UseUserRateLimiting();
}
