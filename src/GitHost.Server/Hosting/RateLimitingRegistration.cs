namespace GitHost.Server.Hosting;

internal static class RateLimitingRegistration
{
    public static IApplicationBuilder UseGitHostRateLimiting(this IApplicationBuilder app) => app;
}
