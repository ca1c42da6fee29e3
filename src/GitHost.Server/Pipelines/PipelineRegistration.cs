using GitHost.Server.Hosting;
using GitHost.Server.Rest;
using GitHost.Services.Pipelines;
using GitHost.Services.Pipelines.Artifacts;
using GitHost.Services.Pipelines.Logs;

namespace GitHost.Server.Pipelines;

/// <summary>Pipelines: the REST API over the scheduler (which <c>AddGitHostServices</c> adds).</summary>
internal static class PipelineRegistration
{
    public static IServiceCollection AddPipelinesRest(this IServiceCollection services)
    {
        services.AddSingleton<IPipelineLinks, PipelineLinks>();
        services.AddSingleton(provider => new PipelineLogStore(Path.Combine(provider.GetRequiredService<DataHome>().Shared, "pipelines", "logs")));
        services.AddSingleton(provider => new PipelineArtifactStore(Path.Combine(provider.GetRequiredService<DataHome>().Shared, "pipelines", "artifacts")));
        return services;
    }

    public static IEndpointRouteBuilder MapPipelines(this IEndpointRouteBuilder app)
    {
        app.MapModule("pipelines", "1.0", api => api.MapPipelineEndpoints().MapRunnerAdminEndpoints().MapVariableEndpoints());
        app.MapRunnerApi();
        return app;
    }
}
