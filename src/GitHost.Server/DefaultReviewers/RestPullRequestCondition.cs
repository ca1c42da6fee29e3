using GitHost.Data.PullRequests;
using GitHost.Server.Builds;
using GitHost.Server.Rest;
using GitHost.Services.DefaultReviewers;

namespace GitHost.Server.DefaultReviewers;

/// <summary>Bitbucket's <c>RestPullRequestCondition</c>: a default reviewers condition.</summary>
internal sealed record RestPullRequestCondition(
    long Id, RestConditionScope Scope, RestRefMatcher SourceRefMatcher, RestRefMatcher TargetRefMatcher, IReadOnlyList<RestUser> Reviewers, int RequiredApprovals)
{
    public static RestPullRequestCondition From(DefaultReviewerCondition condition, RestMapper mapper) => new(
        condition.Id,
        new RestConditionScope(condition.Scope == SettingsScope.Project ? "PROJECT" : "REPOSITORY", condition.ScopeId),
        RestRefMatcher.From(condition.Source),
        RestRefMatcher.From(condition.Target),
        condition.Reviewers.Select(mapper.User).ToList(),
        condition.RequiredApprovals);
}

internal sealed record RestConditionScope(string Type, long ResourceId);

/// <summary>Bitbucket's <c>RestDefaultReviewersRequest</c>.</summary>
internal sealed record DefaultReviewersRequest(
    RestRefMatcherRequest? SourceMatcher, RestRefMatcherRequest? TargetMatcher, IReadOnlyList<ReviewerReference?>? Reviewers, int? RequiredApprovals)
{
    public DefaultReviewerConditionInput ToInput() => new(SourceMatcher?.ToInput(), TargetMatcher?.ToInput(), Reviewers, RequiredApprovals);
}
