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
        services.AddScoped<RequestLoadQueue>();
        services.AddSingleton<Highlighting.SyntaxHighlighter>();
        services.AddScoped<PullRequests.PullRequestActions>();
        services.AddScoped<Settings.SettingsPlaces>();
        return services;
    }

    /// <summary>
    /// A page address no endpoint answers gets the friendly 404 page. A middleware after routing, not a
    /// fallback route: a catch-all route would take part in route selection for REST addresses too and
    /// change their answers (405s and content-type matches).
    /// </summary>
    public static IApplicationBuilder UseWebNotFoundPage(this IApplicationBuilder app) =>
        app.Use((context, next) =>
            context.GetEndpoint() is null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && WebPages.IsPage(context.Request)
                ? new RazorComponentResult<NotFoundDocument>().ExecuteAsync(context)
                : next(context));

    /// <summary>
    /// The UI's files (styles, the framework script) from the web root, as a middleware: static asset
    /// endpoints would add a catch-all route on a built server, turning unknown REST addresses' 404s into 405s.
    /// </summary>
    public static IApplicationBuilder UseWebFiles(this IApplicationBuilder app) => app.UseStaticFiles();

    /// <summary>Maps the pages; call after authentication and anti-forgery.</summary>
    public static IEndpointRouteBuilder MapGitHostWeb(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPersonalAddresses();
        return app;
    }
}
