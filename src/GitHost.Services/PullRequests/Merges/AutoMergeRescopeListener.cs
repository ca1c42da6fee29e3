using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// Cancels auto-merge when the source moves. Resolves <see cref="AutoMerge"/> only when called:
/// auto-merge merges, merging moves refs, moving refs rescopes, and rescoping asks its listeners —
/// built eagerly, that chain would be a dependency cycle.
/// </summary>
public sealed class AutoMergeRescopeListener(IServiceProvider services) : IPullRequestRescopeListener
{
    public Task RescopedAsync(PullRequestRescoped rescoped, CancellationToken cancellationToken) =>
        services.GetRequiredService<AutoMerge>().SourceMovedAsync(rescoped, cancellationToken);
}
