namespace GitHost.Server.Errors;

/// <summary>
/// Until the web UI exists, the page links GitHost hands out (<c>links.self</c>, the "Create pull
/// request" hint after a push, old Bitbucket bookmarks) answer 404 with a line that says so and
/// names the REST call with the same content, instead of an empty body.
/// </summary>
internal static class WebPagePlaceholders
{
    private static readonly string[] PagePrefixes = ["/projects", "/users", "/plugins", "/account", "/dashboard", "/login", "/admin"];

    public static bool Applies(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && (request.Path == "/" || PagePrefixes.Any(prefix => request.Path.StartsWithSegments(prefix)));

    public static Task WriteAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(
            $"GitHost's web UI is not built yet, so this page does not exist. The REST API has its content: {RestEquivalent(context.Request)}\n",
            context.RequestAborted);
    }

    /// <summary>The REST resource for a page path: <c>/projects/K/repos/s/browse</c> → <c>GET /rest/api/1.0/projects/K/repos/s/browse</c>.</summary>
    public static string RestEquivalent(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path.EndsWith("/pull-requests", StringComparison.Ordinal) && request.Query.ContainsKey("create"))
        {
            return $"POST /rest/api/1.0{path} (see docs/api.md, \"Pull requests\")";
        }

        if (path.StartsWith("/users/", StringComparison.Ordinal) && path.Contains("/repos/", StringComparison.Ordinal))
        {
            // /users/jdoe/repos/x → the personal project ~JDOE.
            var parts = path.Split('/', 4);
            return $"GET /rest/api/1.0/projects/~{parts[2].ToUpperInvariant()}/{parts[3]}";
        }

        return path.StartsWith("/projects", StringComparison.Ordinal) || path.StartsWith("/users", StringComparison.Ordinal)
            ? $"GET /rest/api/1.0{path}"
            : "see /rest/openapi/v1.json for every REST resource";
    }
}
