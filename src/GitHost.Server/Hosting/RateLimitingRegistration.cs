using GitHost.Server.RateLimiting;

namespace GitHost.Server.Hosting;

/// <summary>Per-user rate limiting for Basic and Bearer clients (<c>GitHost:RateLimit</c>, changed at run time by admins).</summary>
internal static class RateLimitingRegistration
{
    public static IServiceCollection AddGitHostRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimitSettingsStore>();
        services.AddSingleton<UserRateLimiter>();
        services.AddScoped<RateLimitAdministration>();
        services.AddScoped<GitHost.Web.Admin.IRateLimitAdministration>(sp => sp.GetRequiredService<RateLimitAdministration>());
        return services;
    }

    public static IApplicationBuilder UseGitHostRateLimiting(this IApplicationBuilder app) => app.UseUserRateLimiting();
}
