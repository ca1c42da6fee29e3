using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GitHost.Server.Rest;

namespace GitHost.Server.PullRequests;

/// <summary>
/// Writes the repository of a pull request's ref by copying the bytes of its first serialization
/// with the same options: a list page builds each repository's wire form once and hands the same
/// instance to every pull request, and both refs of every pull request carry the whole repository,
/// most of a page's ~50 KB. Applied to the property only, so serializing the repository itself
/// (through the type's own metadata) does not come back here, and the bytes are the serializer's.
/// </summary>
public sealed class SharedRepositoryJsonConverter : JsonConverter<RestRepository>
{
    // Keyed by instance (and options, since the encoder shapes the bytes): an entry lives as long as
    // the repository object, i.e. one response.
    private readonly ConditionalWeakTable<JsonSerializerOptions, ConditionalWeakTable<RestRepository, byte[]>> _written = [];

    public override RestRepository? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, TypeInfo(options));

    public override void Write(Utf8JsonWriter writer, RestRepository value, JsonSerializerOptions options)
    {
        var written = _written.GetValue(options, static _ => []);
        var bytes = written.GetValue(value, repository => JsonSerializer.SerializeToUtf8Bytes(repository, TypeInfo(options)));
        writer.WriteRawValue(bytes, skipInputValidation: true);
    }

    private static JsonTypeInfo<RestRepository> TypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<RestRepository>)options.GetTypeInfo(typeof(RestRepository));
}
