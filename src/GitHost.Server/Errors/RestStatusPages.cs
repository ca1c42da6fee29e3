using GitHost.Core.Failures;

namespace GitHost.Server.Errors;

/// <summary>
/// Gives bare REST 401s, 404s (no such route), 405s, 413s and 415s the same envelope as every other
/// error. Web pages have their own (<see cref="WebErrorPages"/>).
/// </summary>
internal static class RestStatusPages
{
    public static IApplicationBuilder UseRestStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.ContentLength > 0 || http.Response.ContentType is not null)
            {
                return;
            }

            if (!http.Request.Path.StartsWithSegments("/rest"))
            {
                return;
            }

            var failure = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => new GitHostException(FailureKind.NotFound, $"No resource at {http.Request.Path}."),
                StatusCodes.Status405MethodNotAllowed => GitHostException.Invalid($"{http.Request.Method} is not supported on {http.Request.Path}."),
                StatusCodes.Status401Unauthorized => GitHostException.AuthenticationRequired(),
                // Kestrel and the body reader answer an oversized body with a bare 413.
                StatusCodes.Status413PayloadTooLarge => new GitHostException(FailureKind.TooLarge, "The request body is too large."),
                StatusCodes.Status415UnsupportedMediaType => GitHostException.Invalid("The request body must be JSON (Content-Type: application/json)."),
                _ => null,
            };
            if (failure is not null)
            {
                await RestErrorWriter.WriteAsync(http, http.Response.StatusCode, failure);
            }
        });
}
