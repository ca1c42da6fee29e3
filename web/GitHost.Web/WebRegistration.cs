using GitHost.Web.Errors;
using GitHost.Web.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Web;

/// <summary>How the server hosts the web UI: static server rendering for pages, a circuit only where a component asks for one.</summary>
public static class WebRegistration
{
    public static IServiceCollection AddGitHostWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<WebUser>();
        return services;
    }

    /// <summary>Maps the pages and their static files; call after authentication and anti-forgery.</summary>
    public static IEndpointRouteBuilder MapGitHostWeb(this IEndpointRouteBuilder app, string staticAssetsManifest)
    {
        app.MapStaticAssets(staticAssetsManifest);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        // Any other page address gets the friendly 404; REST, Git and file addresses keep their own 404 answers.
        app.MapFallback("{*path}", (HttpContext context) => WebPages.IsPage(context.Request)
            ? new RazorComponentResult<NotFoundDocument>()
            : Results.NotFound());
        return app;
    }
}
