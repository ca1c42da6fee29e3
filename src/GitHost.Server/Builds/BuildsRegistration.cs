using GitHost.Server.Builds.RequiredBuilds;
using GitHost.Server.DefaultReviewers;
using GitHost.Server.Insights;
using GitHost.Server.Insights.RequiredReports;
using GitHost.Server.Rest;
using GitHost.Services.Builds;
using GitHost.Services.Builds.RequiredBuilds;
using GitHost.Services.DefaultReviewers;
using GitHost.Services.Insights;
using GitHost.Services.Insights.RequiredReports;
using GitHost.Services.PullRequests;

namespace GitHost.Server.Builds;

/// <summary>Build statuses, required builds, Code Insights and default reviewers.</summary>
internal static class BuildsRegistration
{
    public static IServiceCollection AddBuildsAndInsights(this IServiceCollection services) => services
        .AddScoped<BuildStatuses>()
        .AddScoped<LegacyBuildStatuses>()
        .AddScoped<RequiredBuildConditions>()
        .AddScoped<IMergeCheck, RequiredBuildsCheck>()
        .AddScoped<InsightReports>()
        .AddScoped<InsightAnnotations>()
        .AddScoped<RequiredReportConditions>()
        .AddScoped<IMergeCheck, RequiredReportsCheck>()
        .AddScoped<DefaultReviewerConditions>()
        .AddScoped<DefaultReviewerSelection>()
        .AddScoped<IDefaultReviewers>(provider => provider.GetRequiredService<DefaultReviewerSelection>())
        .AddScoped<IMergeCheck, DefaultReviewerApprovalsCheck>();

    public static IEndpointRouteBuilder MapBuildsAndInsights(this IEndpointRouteBuilder app)
    {
        app.MapModule("api", "1.0", api => api.MapBuildStatusEndpoints().MapBuildCapabilityEndpoints());
        app.MapModule("build-status", "1.0", module => module.MapLegacyBuildStatusEndpoints());
        app.MapModule("required-builds", "1.0", module => module.MapRequiredBuildEndpoints());
        app.MapModule("insights", "1.0", module => module.MapInsightEndpoints().MapRequiredReportEndpoints());
        app.MapModule("default-reviewers", "1.0", module => module.MapDefaultReviewerEndpoints());
        return app;
    }
}
