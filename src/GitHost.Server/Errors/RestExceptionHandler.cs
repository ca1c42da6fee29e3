using System.Text.Json;
using GitHost.Core.Failures;
using Microsoft.AspNetCore.Diagnostics;

namespace GitHost.Server.Errors;

/// <summary>
/// The one place failures become HTTP. Known failures keep their status and message; anything
/// else is a 500 whose details stay in the log, with a correlation id the admin can search for.
/// </summary>
internal sealed partial class RestExceptionHandler(ILogger<RestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // Page requests fall through to the exception handler middleware, which re-executes them at the web UI's error page.
        if (context.Response.HasStarted || WebErrorPages.Applies(context))
        {
            return false;
        }

        var failure = exception switch
        {
            GitHostException known => known,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new GitHostException(
                FailureKind.TooLarge, "The request body is too large."),
            BadHttpRequestException bad when bad.InnerException is JsonException json => BadRequestMessages.FromJson(json),
            BadHttpRequestException bad when bad.Message.StartsWith("Implicit body", StringComparison.Ordinal)
                || bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) && bad.Message.Contains("body", StringComparison.Ordinal) =>
                GitHostException.Invalid("A JSON request body is required."),
            BadHttpRequestException bad => BadRequestMessages.FromBinding(bad.Message),
            JsonException json => BadRequestMessages.FromJson(json),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (failure is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            Log.Unhandled(logger, exception, context.TraceIdentifier);
            failure = new GitHostException(FailureKind.Invalid,
                $"An unexpected error occurred. Quote this id to your administrator: {context.TraceIdentifier}",
                exceptionName: BitbucketExceptionNames.Internal);
            await RestErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, failure);
            return true;
        }

        await RestErrorWriter.WriteAsync(context, failure);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unhandled failure in request {TraceId}")]
        public static partial void Unhandled(ILogger logger, Exception exception, string traceId);
    }
}
