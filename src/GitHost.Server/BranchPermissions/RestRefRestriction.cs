using GitHost.Core.BranchPermissions;
using GitHost.Data.PullRequests;
using GitHost.Server.Builds;
using GitHost.Server.Rest;
using GitHost.Server.SshKeys;
using GitHost.Services.BranchPermissions;

namespace GitHost.Server.BranchPermissions;

/// <summary>
/// Bitbucket's <c>RestRefRestriction</c>:
/// <c>{id, type, scope: {type, resourceId}, matcher: {id, displayId, type: {id, name}, active}, users, groups, accessKeys: [{key}]}</c>.
/// </summary>
internal sealed record RestRefRestriction(
    long Id,
    string Type,
    RestRestrictionScope Scope,
    RestRestrictionMatcher Matcher,
    IReadOnlyList<RestUser> Users,
    IReadOnlyList<string> Groups,
    IReadOnlyList<RestRestrictionAccessKey> AccessKeys)
{
    public static RestRefRestriction From(RefRestrictionView view, RestMapper mapper)
    {
        var matcher = RestRefMatcher.From(view.Matcher);
        return new RestRefRestriction(
            view.Id,
            RefRestrictionTypeIds.ToId(view.Type),
            new RestRestrictionScope(view.Scope == SettingsScope.Project ? "PROJECT" : "REPOSITORY", view.ScopeId),
            new RestRestrictionMatcher(matcher.Id, matcher.DisplayId, matcher.Type, true),
            view.Users.Select(mapper.User).ToList(),
            view.Groups,
            view.AccessKeys.Select(k => new RestRestrictionAccessKey(SshKeyJson.Key(k))).ToList());
    }
}

internal sealed record RestRestrictionScope(string Type, long ResourceId);

internal sealed record RestRestrictionMatcher(string Id, string DisplayId, RestRefMatcherType Type, bool Active);

internal sealed record RestRestrictionAccessKey(RestSshKey Key);
