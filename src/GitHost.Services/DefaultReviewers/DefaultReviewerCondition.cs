using System.Text.Json;
using GitHost.Core.RefMatching;
using GitHost.Data.PullRequests;
using GitHost.Data.Users;
using GitHost.Services.Builds.Conditions;

namespace GitHost.Services.DefaultReviewers;

/// <summary>
/// A default reviewers condition: pull requests from a ref <see cref="Source"/> matches into a ref
/// <see cref="Target"/> matches get <see cref="Reviewers"/>, and need <see cref="RequiredApprovals"/>
/// of them to approve. Project conditions apply to every repository of the project.
/// </summary>
public sealed record DefaultReviewerCondition(
    long Id, SettingsScope Scope, long ScopeId, RefMatcher Source, RefMatcher Target, IReadOnlyList<UserEntity> Reviewers, int RequiredApprovals)
{
    public const string Kind = "default-reviewers";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DefaultReviewerCondition From(RefMatcherConditionEntity entity, IReadOnlyDictionary<long, UserEntity> users)
    {
        var details = Read(entity);
        var reviewers = details.ReviewerIds.Where(users.ContainsKey).Select(id => users[id]).ToList();
        return new(entity.Id, entity.ScopeType, entity.ScopeId, entity.Source(), entity.Target(), reviewers, details.RequiredApprovals);
    }

    public static IReadOnlyList<long> ReviewerIds(RefMatcherConditionEntity entity) => Read(entity).ReviewerIds;

    public static string DetailsJson(IReadOnlyList<long> reviewerIds, int requiredApprovals) =>
        JsonSerializer.Serialize(new Details(reviewerIds, requiredApprovals), Json);

    public bool Matches(string fromRef, string toRef, BranchingModel model) => Source.Matches(fromRef, model) && Target.Matches(toRef, model);

    private static Details Read(RefMatcherConditionEntity entity) => JsonSerializer.Deserialize<Details>(entity.Details, Json) ?? new Details([], 0);

    private sealed record Details(IReadOnlyList<long> ReviewerIds, int RequiredApprovals);
}
