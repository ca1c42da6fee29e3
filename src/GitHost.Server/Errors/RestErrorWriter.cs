using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Server.Rest;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Errors;

/// <summary>Writes Bitbucket's error envelope: <c>{"errors":[{"context","message","exceptionName"}]}</c>.</summary>
internal static class RestErrorWriter
{
    public static int StatusFor(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        FailureKind.Unauthenticated or FailureKind.Unauthorized => StatusCodes.Status401Unauthorized,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static Task WriteAsync(HttpContext context, GitHostException failure) =>
        WriteAsync(context, StatusFor(failure.Kind), failure);

    public static Task WriteAsync(HttpContext context, int status, GitHostException failure) =>
        WriteAsync(context, status, RestErrors.From(failure));

    public static async Task WriteAsync(HttpContext context, int status, RestErrors errors)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        await JsonSerializer.SerializeAsync(context.Response.Body, errors, json, context.RequestAborted);
    }
}
