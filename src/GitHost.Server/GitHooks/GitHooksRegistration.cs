namespace GitHost.Server.GitHooks;

internal static class GitHooksRegistration
{
    /// <summary>The post-receive work and the recovery of pushes whose post-receive never ran.</summary>
    public static IServiceCollection AddGitHooks(this IServiceCollection services)
    {
        services.AddScoped<PostReceive>();
        services.AddSingleton<PushRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<PushRecovery>());
        return services;
    }
}
