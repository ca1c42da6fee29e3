using GitHost.Data.PullRequests;
using GitHost.Server.DefaultReviewers;
using GitHost.Server.Rest;
using GitHost.Services.DefaultReviewers;
using GitHost.Services.ReviewerGroups;

namespace GitHost.Server.ReviewerGroups;

/// <summary>Bitbucket's <c>RestReviewerGroup</c>: <c>{id, name, description, scope{type, resourceId}, users[]}</c>.</summary>
internal sealed record RestReviewerGroup(long Id, string Name, string? Description, RestConditionScope Scope, IReadOnlyList<RestUser> Users)
{
    public static RestReviewerGroup From(ReviewerGroup group, RestMapper mapper) => new(
        group.Group.Id,
        group.Group.Name,
        group.Group.Description,
        new RestConditionScope(group.Group.ScopeType == SettingsScope.Project ? "PROJECT" : "REPOSITORY", group.Group.ScopeId),
        group.Users.Select(mapper.User).ToList());
}

/// <summary>A <c>RestReviewerGroup</c> as clients send it; users as <c>{id}</c>, <c>{name}</c> or <c>{slug}</c>.</summary>
internal sealed record ReviewerGroupRequest(string? Name, string? Description, IReadOnlyList<ReviewerReference?>? Users)
{
    public ReviewerGroupInput ToInput() => new(Name, Description, Users);
}
