using GitHost.Core.Paging;
using GitHost.Core.RefMatching;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.Repositories;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Builds.RequiredBuilds;

/// <summary>
/// Required builds conditions of a repository (<c>/rest/required-builds/1.0</c>): repository
/// readers list them, repository administrators create, replace and delete them.
/// </summary>
public sealed class RequiredBuildConditions(GitHostDbContext db, RepositoryLookup repositories, ILogger<RequiredBuildConditions> logger)
{
    private readonly RepositoryConditionStore _store = new(db, repositories, logger, RequiredBuildCondition.Kind, "required builds condition");

    public async Task<Page<RequiredBuildCondition>> ListAsync(Principal principal, string projectKey, string slug, PageRequest page, CancellationToken cancellationToken) =>
        Page<RequiredBuildCondition>.From((await _store.ListAsync(principal, projectKey, slug, cancellationToken)).Select(RequiredBuildCondition.From), page);

    public async Task<RequiredBuildCondition> CreateAsync(
        Principal principal, string projectKey, string slug, RequiredBuildConditionInput input, CancellationToken cancellationToken) =>
        RequiredBuildCondition.From(await _store.CreateAsync(principal, projectKey, slug, entity => Apply(entity, input), cancellationToken));

    public async Task<RequiredBuildCondition> UpdateAsync(
        Principal principal, string projectKey, string slug, long id, RequiredBuildConditionInput input, CancellationToken cancellationToken) =>
        RequiredBuildCondition.From(await _store.UpdateAsync(principal, projectKey, slug, id, entity => Apply(entity, input), cancellationToken));

    public Task DeleteAsync(Principal principal, string projectKey, string slug, long id, CancellationToken cancellationToken) =>
        _store.DeleteAsync(principal, projectKey, slug, id, cancellationToken);

    internal static async Task<IReadOnlyList<RequiredBuildCondition>> ForRepositoryAsync(GitHostDbContext db, long repositoryId, CancellationToken cancellationToken) =>
        (await RepositoryConditionStore.ForRepositoryAsync(db, RequiredBuildCondition.Kind, repositoryId, cancellationToken)).Select(RequiredBuildCondition.From).ToList();

    private static void Apply(RefMatcherConditionEntity entity, RequiredBuildConditionInput input)
    {
        var (keys, target, exempt) = input.Validate();
        entity.SetTarget(target);
        entity.SetSource(exempt ?? RefMatcher.AnyRef);
        entity.Details = RequiredBuildCondition.DetailsJson(keys, exempt is not null);
    }
}
