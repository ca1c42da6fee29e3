using GitHost.Services.Builds.RequiredBuilds;

namespace GitHost.Server.Builds.RequiredBuilds;

/// <summary>Bitbucket's <c>RestRequiredBuildCondition</c>.</summary>
internal sealed record RestRequiredBuildCondition(long Id, IReadOnlyList<string> BuildParentKeys, RestRefMatcher RefMatcher, RestRefMatcher? ExemptRefMatcher)
{
    public static RestRequiredBuildCondition From(RequiredBuildCondition condition) => new(
        condition.Id,
        condition.BuildParentKeys,
        RestRefMatcher.From(condition.RefMatcher),
        condition.ExemptRefMatcher is null ? null : RestRefMatcher.From(condition.ExemptRefMatcher));
}

/// <summary>Bitbucket's <c>RestRequiredBuildConditionSetRequest</c>.</summary>
internal sealed record RequiredBuildConditionRequest(IReadOnlyList<string?>? BuildParentKeys, RestRefMatcherRequest? RefMatcher, RestRefMatcherRequest? ExemptRefMatcher)
{
    public RequiredBuildConditionInput ToInput() => new(BuildParentKeys, RefMatcher?.ToInput(), ExemptRefMatcher?.ToInput());
}
