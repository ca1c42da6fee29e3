using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.Git;

/// <summary>Push sessions, the hook decisions and housekeeping: shared by every git door (HTTP and SSH).</summary>
internal static class GitPushRegistration
{
    public static IServiceCollection AddGitPushServices(this IServiceCollection services)
    {
        services.AddSingleton<PushSessions>();
        services.AddSingleton<HousekeepingQueue>();
        services.AddSingleton<RepositoryOptimizer>();
        services.AddScoped<OptimizeRepository>();
        services.AddScoped<PushTargets>();
        services.AddScoped<GitRepositoryAccess>();
        services.AddSingleton<GitTransportCommands>();
        // Ref update policies, in the order they are asked; an update's first refusal is the one the
        // pusher sees, so refs/pull-requests/ keeps its own message ahead of the namespace rule.
        // Branch permissions go here when they exist.
        services.AddScoped<IRefUpdatePolicy, HiddenRefsPolicy>();
        services.AddScoped<IRefUpdatePolicy, RefNamespacePolicy>();
        services.AddScoped<IRefUpdatePolicy, OptionLikeRefNamePolicy>();
        services.AddScoped<IRefUpdatePolicy, WritePermissionPolicy>();
        services.AddScoped<PreReceiveCheck>();
        services.AddScoped<RefsChangedRecorder>();
        services.AddScoped<PendingPushes>();
        services.AddSingleton<LandedRefUpdates>();
        services.AddHostedService<Housekeeping>();
        return services;
    }
}
