using GitHost.Server.Projects;
using GitHost.Server.Repositories;
using GitHost.Server.Rest;
using GitHost.Server.Discovery;

namespace GitHost.Server.Hosting;

/// <summary>The table of contents of the REST API: one line per feature.</summary>
internal static class FeatureRegistration
{
    public static IServiceCollection AddGitHostFeatures(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapGitHostEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapSystemEndpoints();
        app.MapModule("api", "1.0", api =>
        {
            api.MapProjectEndpoints();
            api.MapRepositoryEndpoints();
        });
        return app;
    }
}
