using GitHost.Web.Admin;
using GitHost.Web.Repositories;
using GitHost.Web.Shared;

namespace GitHost.Server.Web;

/// <summary>What the web pages need from the host and cannot know themselves: links, credential caches, server facts.</summary>
internal static class WebHostServices
{
    public static IServiceCollection AddWebHostServices(this IServiceCollection services)
    {
        // Registered after Blazor's own provider, so this one is what circuits and pages get.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, Auth.CircuitSessionRevalidation>();
        services.AddOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>().BindConfiguration("GitHost:Web:Circuits");
        return services
            .AddScoped<ICloneUrls, RestCloneUrls>()
            .AddScoped<ICredentialChanges, CredentialChanges>()
            .AddScoped<IServerFacts, ServerFacts>();
    }
}
