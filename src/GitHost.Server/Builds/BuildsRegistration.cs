using GitHost.Server.Builds.RequiredBuilds;
using GitHost.Server.Rest;
using GitHost.Services.Builds;
using GitHost.Services.Builds.RequiredBuilds;
using GitHost.Services.PullRequests;

namespace GitHost.Server.Builds;

/// <summary>Build statuses, required builds, Code Insights and default reviewers.</summary>
internal static class BuildsRegistration
{
    public static IServiceCollection AddBuildsAndInsights(this IServiceCollection services) => services
        .AddScoped<BuildStatuses>()
        .AddScoped<LegacyBuildStatuses>()
        .AddScoped<RequiredBuildConditions>()
        .AddScoped<IMergeCheck, RequiredBuildsCheck>();

    public static IEndpointRouteBuilder MapBuildsAndInsights(this IEndpointRouteBuilder app)
    {
        app.MapModule("api", "1.0", api => api.MapBuildStatusEndpoints());
        app.MapModule("build-status", "1.0", module => module.MapLegacyBuildStatusEndpoints());
        app.MapModule("required-builds", "1.0", module => module.MapRequiredBuildEndpoints());
        return app;
    }
}
