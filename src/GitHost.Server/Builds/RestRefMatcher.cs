using GitHost.Core.RefMatching;
using GitHost.Services.Builds.Conditions;

namespace GitHost.Server.Builds;

/// <summary>Bitbucket's <c>RestRefMatcher</c>: <c>{id, displayId, type: {id, name}}</c>.</summary>
internal sealed record RestRefMatcher(string Id, string DisplayId, RestRefMatcherType Type)
{
    public static RestRefMatcher From(RefMatcher matcher) =>
        new(matcher.Id, matcher.DisplayId, new RestRefMatcherType(RefMatcherTypeIds.ToId(matcher.Type), RefMatcherTypeIds.ToName(matcher.Type)));
}

internal sealed record RestRefMatcherType(string? Id, string? Name);

/// <summary>A matcher in a request; only <c>id</c> and <c>type.id</c> are read.</summary>
internal sealed record RestRefMatcherRequest(string? Id, RestRefMatcherType? Type)
{
    public RefMatcherInput ToInput() => new(Id, Type?.Id);
}
