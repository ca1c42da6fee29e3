using GitHost.Server.Rest;
using GitHost.Services.Builds;

namespace GitHost.Server.Builds;

/// <summary>Build statuses, required builds, Code Insights and default reviewers.</summary>
internal static class BuildsRegistration
{
    public static IServiceCollection AddBuildsAndInsights(this IServiceCollection services) => services
        .AddScoped<BuildStatuses>()
        .AddScoped<LegacyBuildStatuses>();

    public static IEndpointRouteBuilder MapBuildsAndInsights(this IEndpointRouteBuilder app)
    {
        app.MapModule("api", "1.0", api => api.MapBuildStatusEndpoints());
        app.MapModule("build-status", "1.0", module => module.MapLegacyBuildStatusEndpoints());
        return app;
    }
}
