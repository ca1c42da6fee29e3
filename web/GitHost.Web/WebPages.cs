using Microsoft.AspNetCore.Http;

namespace GitHost.Web;

/// <summary>
/// Which requests are web pages. Everything else (REST, Git over HTTP, health, the framework's own
/// files and the sign-in form's POST target) keeps its machine-readable answers, errors included.
/// </summary>
public static class WebPages
{
    private static readonly string[] NotPages =
        ["/rest", "/scm", "/health", "/status", "/_framework", "/_blazor", "/_content", "/j_atl_security_check", "/logout"];

    public static bool IsPage(HttpRequest request) => IsPage(request.Method, request.Path);

    public static bool IsPage(string method, PathString path) =>
        (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
        && !NotPages.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
