using GitHost.Pipelines.Parsing;
using GitHost.Services.Pipelines.Commands;
using GitHost.Services.Pipelines.Queries;
using GitHost.Services.Pipelines.Runners;
using GitHost.Services.Pipelines.Runs;
using GitHost.Services.Pipelines.Triggers;
using GitHost.Services.Pipelines.Variables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.Pipelines;

public static class PipelineRegistration
{
    /// <summary>The scheduler: the trigger on outbox events, pipeline records, queries and commands. The host adds <see cref="IPipelineLinks"/>.</summary>
    public static IServiceCollection AddPipelineServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineSchedulerOptions>().Bind(configuration.GetSection(PipelineSchedulerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PipelineFileParser>();
        services.AddScoped<PipelineFileReader>();
        services.AddScoped<PipelineStarter>();
        services.AddScoped<PipelineWrites>();
        services.AddScoped<PipelineBuildStatus>();
        services.AddScoped<PipelineTriggerConsumer>();
        services.AddScoped<PipelineQueries>();
        services.AddScoped<PipelineCommands>();
        services.AddHostedService<PipelineTriggerDispatcher>();
        services.AddSingleton<PipelineQueueSignal>();
        services.AddScoped<PipelineScopeAccess>();
        services.AddScoped<RunnerAdministration>();
        services.AddScoped<PipelineVariables>();
        services.AddScoped<RunnerSessions>();
        services.AddScoped<StepDispatcher>();
        services.AddScoped<StepEnvironment>();
        services.AddScoped<StepReports>();
        services.AddScoped<PipelineDiskFiles>();
        services.AddScoped<Artifacts.StepArtifacts>();
        services.AddScoped<RunnerJobs>();
        services.AddHostedService<StepLeaseWatch>();
        return services;
    }
}
