using System.Text.Json;
using GitHost.Core.RefMatching;
using GitHost.Data.PullRequests;
using GitHost.Services.Builds.Conditions;

namespace GitHost.Services.Builds.RequiredBuilds;

/// <summary>
/// A required builds merge check: pull requests into a ref <see cref="RefMatcher"/> matches (from a
/// source <see cref="ExemptRefMatcher"/> does not match) need a green build for every key.
/// </summary>
public sealed record RequiredBuildCondition(long Id, IReadOnlyList<string> BuildParentKeys, RefMatcher RefMatcher, RefMatcher? ExemptRefMatcher)
{
    public const string Kind = "required-builds";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RequiredBuildCondition From(RefMatcherConditionEntity entity)
    {
        var details = JsonSerializer.Deserialize<Details>(entity.Details, Json) ?? new Details([], false);
        return new RequiredBuildCondition(entity.Id, details.BuildParentKeys, entity.Target(), details.Exempt ? entity.Source() : null);
    }

    public static string DetailsJson(IReadOnlyList<string> keys, bool exempt) => JsonSerializer.Serialize(new Details(keys, exempt), Json);

    /// <summary>The source matcher columns hold the exempt matcher when <see cref="Exempt"/> is set.</summary>
    private sealed record Details(IReadOnlyList<string> BuildParentKeys, bool Exempt);
}
