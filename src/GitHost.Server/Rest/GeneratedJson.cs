using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Rest;

/// <summary>
/// A 200 JSON response written by the source generator's fast path. ASP.NET Core serializes with
/// the REST options, whose relaxed encoder (Bitbucket does not escape quotes) makes System.Text.Json
/// fall back to the generated metadata serializer, measured at about twice the CPU for a
/// pull-request page. The fast path with the encoder set on the writer instead writes the same bytes:
/// only property names are pre-encoded, and those are plain ASCII.
/// <code>
/// return new GeneratedJson&lt;RestPage&lt;RestPullRequest&gt;&gt;(page, PullRequestJsonContext.Default.RestPageRestPullRequest);
/// </code>
/// </summary>
internal sealed class GeneratedJson<T>(T value, JsonTypeInfo<T> typeInfo) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var encoder = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.Encoder;
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
