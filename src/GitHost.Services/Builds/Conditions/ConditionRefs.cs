using GitHost.Core.RefMatching;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Repositories;

namespace GitHost.Services.Builds.Conditions;

/// <summary>Reading the matchers of a stored condition, and the branching model they are matched with.</summary>
public static class ConditionRefs
{
    public static RefMatcher Source(this RefMatcherConditionEntity condition) => new(condition.SourceMatcherType, condition.SourceMatcherId);

    public static RefMatcher Target(this RefMatcherConditionEntity condition) => new(condition.TargetMatcherType, condition.TargetMatcherId);

    public static void SetSource(this RefMatcherConditionEntity condition, RefMatcher matcher)
    {
        condition.SourceMatcherType = matcher.Type;
        condition.SourceMatcherId = matcher.Id;
    }

    public static void SetTarget(this RefMatcherConditionEntity condition, RefMatcher matcher)
    {
        condition.TargetMatcherType = matcher.Type;
        condition.TargetMatcherId = matcher.Id;
    }

    /// <summary>The repository's branching model: its own configuration, its project's, or Bitbucket's default.</summary>
    public static Task<BranchingModel> ModelAsync(GitHostDbContext db, RepositoryEntity repository, CancellationToken cancellationToken) =>
        BranchModel.BranchingModels.EffectiveAsync(db, repository, cancellationToken);
}
