using GitHost.Core.Failures;

namespace GitHost.Server.GitHttp;

/// <summary>
/// Failures in git's terms: an HTTP status and a one-line text/plain body, which git prints as
/// <c>remote: ...</c> before its own <c>fatal:</c> line. A 401 carries the Basic challenge so git's
/// credential helper asks for a user name and password (or token).
/// </summary>
internal static class GitHttpResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string message, int? retryAfterSeconds = null)
    {
        if (context.Response.HasStarted)
        {
            // Headers are gone: the client sees a broken stream, which git reports as a failed transfer.
            context.Abort();
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"GitHost\"";
        }

        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    public static Task WriteAsync(HttpContext context, GitHostException failure) => WriteAsync(context, StatusFor(failure), failure.Message);

    private static int StatusFor(GitHostException failure) => failure.Kind switch
    {
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        FailureKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        // Bitbucket's REST says 401 for "not permitted"; git needs 403, or it would ask for credentials again and again.
        FailureKind.Unauthorized or FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status500InternalServerError,
    };
}
