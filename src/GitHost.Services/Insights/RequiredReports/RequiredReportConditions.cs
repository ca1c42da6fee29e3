using GitHost.Core.Paging;
using GitHost.Core.RefMatching;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.Repositories;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Insights.RequiredReports;

/// <summary>Required reports of a repository: readers list them, repository administrators change them.</summary>
public sealed class RequiredReportConditions(GitHostDbContext db, RepositoryLookup repositories, ILogger<RequiredReportConditions> logger)
{
    private readonly RepositoryConditionStore _store = new(db, repositories, logger, RequiredReportCondition.Kind, "required report");

    public async Task<Page<RequiredReportCondition>> ListAsync(Principal principal, string projectKey, string slug, PageRequest page, CancellationToken cancellationToken) =>
        Page<RequiredReportCondition>.From((await _store.ListAsync(principal, projectKey, slug, cancellationToken)).Select(RequiredReportCondition.From), page);

    public async Task<RequiredReportCondition> CreateAsync(
        Principal principal, string projectKey, string slug, RequiredReportConditionInput input, CancellationToken cancellationToken) =>
        RequiredReportCondition.From(await _store.CreateAsync(principal, projectKey, slug, entity => Apply(entity, input), cancellationToken));

    public async Task<RequiredReportCondition> UpdateAsync(
        Principal principal, string projectKey, string slug, long id, RequiredReportConditionInput input, CancellationToken cancellationToken) =>
        RequiredReportCondition.From(await _store.UpdateAsync(principal, projectKey, slug, id, entity => Apply(entity, input), cancellationToken));

    public Task DeleteAsync(Principal principal, string projectKey, string slug, long id, CancellationToken cancellationToken) =>
        _store.DeleteAsync(principal, projectKey, slug, id, cancellationToken);

    internal static async Task<IReadOnlyList<RequiredReportCondition>> ForRepositoryAsync(GitHostDbContext db, long repositoryId, CancellationToken cancellationToken) =>
        (await RepositoryConditionStore.ForRepositoryAsync(db, RequiredReportCondition.Kind, repositoryId, cancellationToken)).Select(RequiredReportCondition.From).ToList();

    private static void Apply(RefMatcherConditionEntity entity, RequiredReportConditionInput input)
    {
        var (key, mustPass, target) = input.Validate();
        entity.SetTarget(target);
        entity.SetSource(RefMatcher.AnyRef);
        entity.Details = RequiredReportCondition.DetailsJson(key, mustPass);
    }
}
