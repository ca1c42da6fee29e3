using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Server.Builds;
using GitHost.Services.BranchPermissions;

namespace GitHost.Server.BranchPermissions;

/// <summary>
/// Bitbucket's <c>RestRestrictionRequest</c>. Exempt principals come in either of the shapes clients
/// send: <c>users</c> (names, or user objects with <c>name</c>/<c>slug</c>) or <c>userSlugs</c>;
/// <c>groups</c> or <c>groupNames</c>; <c>accessKeys</c> (<c>[{key: {id}}]</c>) or <c>accessKeyIds</c>.
/// </summary>
internal sealed record RestRestrictionRequest(
    string? Type,
    RestRefMatcherRequest? Matcher,
    JsonElement? Users,
    IReadOnlyList<string?>? UserSlugs,
    IReadOnlyList<string?>? Groups,
    IReadOnlyList<string?>? GroupNames,
    IReadOnlyList<RestAccessKeyReference?>? AccessKeys,
    IReadOnlyList<long>? AccessKeyIds)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One object (<c>application/json</c>) or an array (<c>application/vnd.atl.bitbucket.bulk+json</c>).</summary>
    public static (IReadOnlyList<RefRestrictionInput> Inputs, bool Bulk) Parse(JsonElement body)
    {
        try
        {
            return body.ValueKind switch
            {
                JsonValueKind.Object => ([body.Deserialize<RestRestrictionRequest>(Json)!.ToInput()], false),
                JsonValueKind.Array => (body.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object
                        ? e.Deserialize<RestRestrictionRequest>(Json)!.ToInput()
                        : throw GitHostException.Invalid("Each restriction in a bulk request must be a JSON object."))
                    .ToList(), true),
                _ => throw GitHostException.Invalid("Send a restriction as a JSON object, or several as an array with Content-Type application/vnd.atl.bitbucket.bulk+json."),
            };
        }
        catch (JsonException e)
        {
            throw GitHostException.Invalid($"The restriction is not in the expected shape: {e.Message}");
        }
    }

    private RefRestrictionInput ToInput() => new(
        Type,
        Matcher?.ToInput(),
        UserNames().Concat(UserSlugs ?? []).Select(n => n ?? "").ToList(),
        (Groups ?? []).Concat(GroupNames ?? []).Select(n => n ?? "").ToList(),
        (AccessKeys ?? []).Select(k => k?.Key?.Id ?? throw GitHostException.Invalid("Each access key needs key.id.", "accessKeys"))
            .Concat(AccessKeyIds ?? []).ToList());

    private IEnumerable<string?> UserNames()
    {
        if (Users is not { ValueKind: JsonValueKind.Array } users)
        {
            return Users is null or { ValueKind: JsonValueKind.Null }
                ? []
                : throw GitHostException.Invalid("users must be an array of user names or user objects.", "users");
        }

        return users.EnumerateArray().Select(u => u.ValueKind switch
        {
            JsonValueKind.String => u.GetString(),
            JsonValueKind.Object when u.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
            JsonValueKind.Object when u.TryGetProperty("slug", out var slug) && slug.ValueKind == JsonValueKind.String => slug.GetString(),
            _ => throw GitHostException.Invalid("Each user must be a name or an object with a name or slug.", "users"),
        }).ToList();
    }
}

internal sealed record RestAccessKeyReference(RestAccessKeyId? Key);

internal sealed record RestAccessKeyId(long? Id);
