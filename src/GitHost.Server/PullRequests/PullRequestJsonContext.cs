using System.Text.Json;
using System.Text.Json.Serialization;
using GitHost.Server.Rest;

namespace GitHost.Server.PullRequests;

/// <summary>
/// Source-generated serializers for pull requests and their pages (a list page is ~50 KB of JSON):
/// the same options as <see cref="RestJsonContext"/>, so the bytes are the reflection serializer's.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RestPage<RestPullRequest>))]
[JsonSerializable(typeof(RestPullRequest))]
internal sealed partial class PullRequestJsonContext : JsonSerializerContext;
