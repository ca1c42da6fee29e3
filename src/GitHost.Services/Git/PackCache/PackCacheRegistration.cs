using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.Git.PackCache;

/// <summary>The upload-pack cache and its sweeper, shared by the git doors.</summary>
internal static class PackCacheRegistration
{
    public static IServiceCollection AddPackCache(this IServiceCollection services)
    {
        services.AddOptions<PackCacheOptions>().BindConfiguration(PackCacheOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UploadPackCache>();
        services.AddSingleton<RepositoryStates>();
        services.AddSingleton<PackCacheSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<PackCacheSweeper>());
        return services;
    }
}
