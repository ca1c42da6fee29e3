using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.Content.Compare;

public static class CompareRegistration
{
    /// <summary>compare/commits, changes, diff and diff-stats-summary, within a repository or from a fork.</summary>
    public static IServiceCollection AddRepositoryCompare(this IServiceCollection services) => services
        .AddScoped<CompareRepositories>()
        .AddScoped<RepositoryCompare>();
}
