using System.Text.Json;
using System.Text.Json.Serialization;
using GitHost.Core.Failures;

namespace GitHost.Server.Rest;

public sealed record RestErrors(IReadOnlyList<RestError> Errors)
{
    private static readonly JsonSerializerOptions ExtraJson = new(JsonSerializerDefaults.Web);

    public static RestErrors From(GitHostException failure) => new([
        new RestError
        {
            Context = failure.Context,
            Message = failure.Message,
            ExceptionName = failure.ExceptionName,
            Extra = failure.Extra?.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, ExtraJson)),
        },
    ]);
}

public sealed class RestError
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Context { get; init; }

    public required string Message { get; init; }

    public required string ExceptionName { get; init; }

    /// <summary>Properties some errors add next to the message (e.g. <c>currentVersion</c>).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
