using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitHost.Server.Pipelines;

/// <summary>The pipelines API speaks Bitbucket Cloud's JSON: snake_case names, absent rather than null members.</summary>
internal static class PipelineJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IResult Ok<T>(T value) => TypedResults.Json(value, Options);
}
