using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data.Repositories;
using GitHost.Git;
using GitHost.Git.Maintenance;
using GitHost.Services.Repositories;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git;

/// <summary>
/// A repository administrator's "optimize now" (GitHost only; GitLab's housekeeping call is the model):
/// the same evaluation a push gets, run at once and answered with what it did. It waits for this node's
/// housekeeping to finish the repository in hand, at most the git command timeout.
/// </summary>
public sealed class OptimizeRepository(RepositoryLookup repositories, RepositoryOptimizer optimizer, IOptions<GitOptions> options)
{
    public async Task<OptimizationPlan> RunAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        if (found.Repository.State != RepositoryState.Available)
        {
            throw new GitHostException(FailureKind.Conflict, $"Repository {projectKey}/{slug} is not available yet; try again once it is.");
        }

        var maxWait = TimeSpan.FromSeconds(options.Value.CommandTimeoutSeconds);
        return await optimizer.OptimizeAsync(found.Repository.Id, HousekeepingTrigger.Admin, maxWait, cancellationToken)
            ?? throw new GitHostException(FailureKind.Conflict,
                $"Repository {projectKey}/{slug} is being optimized by another node or housekeeping is busy; try again in a few minutes.");
    }
}
