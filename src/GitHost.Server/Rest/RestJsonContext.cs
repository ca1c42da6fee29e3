using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitHost.Server.Rest;

/// <summary>
/// Source-generated serializers for the hot wire models; the HTTP JSON options consult this first
/// and fall back to reflection for the rest.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RestErrors))]
[JsonSerializable(typeof(RestPage<RestRepository>))]
[JsonSerializable(typeof(RestPage<RestProject>))]
[JsonSerializable(typeof(RestPage<RestUser>))]
[JsonSerializable(typeof(RestRepository))]
[JsonSerializable(typeof(RestProject))]
[JsonSerializable(typeof(RestUser))]
[JsonSerializable(typeof(RestDetailedUser))]
internal sealed partial class RestJsonContext : JsonSerializerContext;
