using GitHost.Web;
using Microsoft.AspNetCore.Diagnostics;

namespace GitHost.Server.Errors;

/// <summary>
/// A page request that fails is re-executed at the web UI's error page (<c>/error</c>, which reads
/// the exception and sets the status); an address no page answers gets the web UI's 404 page
/// (<see cref="WebRegistration.UseWebNotFoundPage"/>). REST, Git and the framework's files keep their own answers.
/// </summary>
internal static class WebErrorPages
{
    public const string ErrorPath = "/error";

    /// <summary>Whether a failed request was for a page. Read the path the request came with: the middleware has already set it to <see cref="ErrorPath"/>.</summary>
    public static bool Applies(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
        return (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && WebPages.IsPage(method, new PathString(path));
    }
}
