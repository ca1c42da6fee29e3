namespace GitHost.Server.GitHttp;

internal static class GitHttpRegistration
{
    public static IServiceCollection AddGitHttp(this IServiceCollection services)
    {
        services.AddScoped<GitHttpDoor>();
        return services;
    }
}
