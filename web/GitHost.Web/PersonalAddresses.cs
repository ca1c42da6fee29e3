using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitHost.Web;

/// <summary>
/// Bitbucket's addresses of a user's personal project and its repositories (<c>/users/{slug}</c>,
/// <c>/users/{slug}/repos/{repo}/browse</c>…), which the REST API's and webhooks' links, e-mails and old
/// bookmarks carry, lead to the same pages under the personal project's key (<c>/projects/~{slug}</c>).
/// The target is always a path on this server: the slug is escaped, the rest of the address kept as sent.
/// </summary>
public static class PersonalAddresses
{
    public static IEndpointRouteBuilder MapPersonalAddresses(this IEndpointRouteBuilder app)
    {
        app.MapGet("/users/{user}", Redirect).ExcludeFromDescription();
        app.MapGet("/users/{user}/repos/{**rest}", Redirect).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Built from the raw, still escaped address, not from the route values: ASP.NET leaves an escaped slash
    /// (<c>%2F</c>) escaped in a route value but decodes the rest, so escaping the value again would change it.
    /// An escaped segment holds no <c>/</c>, <c>?</c> or <c>#</c>, so the target stays a path on this server.
    /// </summary>
    private static IResult Redirect(HttpRequest request)
    {
        var raw = request.Path.ToUriComponent()["/users/".Length..];
        var slash = raw.IndexOf('/', StringComparison.Ordinal);
        var (user, rest) = slash < 0 ? (raw, "") : (raw[..slash], raw[slash..]);
        return Results.Redirect("/projects/~" + user + rest + request.QueryString.ToUriComponent());
    }
}
