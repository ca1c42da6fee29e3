using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Commits;
using GitHost.Services.Content.Diff;

namespace GitHost.Services.Content.Compare;

/// <summary>
/// <c>compare/commits</c>, <c>compare/changes</c>, <c>compare/diff</c> and
/// <c>compare/diff-stats-summary</c>: what <c>from</c> brings that <c>to</c> lacks. Commits are
/// those reachable from <c>from</c> and not from <c>to</c> (git's <c>to..from</c>); changes, diff and
/// stats run from the merge base to <c>from</c> (git's <c>to...from</c>), as a pull request from
/// <c>from</c> into <c>to</c> would show them. The work is the content services'; this only scopes it.
/// </summary>
public sealed class RepositoryCompare(CompareRepositories repositories, DiffService diffs, ChangesService changes)
{
    public async Task<Page<CommitView>> CommitsAsync(Principal principal, CompareRequest request, PageRequest page, CancellationToken cancellationToken)
    {
        using var scope = await OpenAsync(principal, request, cancellationToken);
        return CommitHistory.Compare(scope.Repository.Git, scope.From, scope.To, page);
    }

    public async Task<ChangePage> ChangesAsync(Principal principal, CompareRequest request, PageRequest page, CancellationToken cancellationToken)
    {
        using var scope = await OpenAsync(principal, request, cancellationToken);
        return await changes.ListAsync(scope.Repository, DiffRange.Compare(scope.Repository.Git, scope.From, scope.To), page, cancellationToken);
    }

    public async Task DiffAsync(Principal principal, CompareRequest request, DiffQuery query, IDiffSink sink, CancellationToken cancellationToken)
    {
        using var scope = await OpenAsync(principal, request, cancellationToken);
        await diffs.StreamAsync(scope.Repository, DiffRange.Compare(scope.Repository.Git, scope.From, scope.To), query, sink, cancellationToken);
    }

    /// <summary>The diff gathered whole, for a page that shows it.</summary>
    public async Task<DiffResult> DiffAsync(Principal principal, CompareRequest request, DiffQuery query, CancellationToken cancellationToken)
    {
        using var scope = await OpenAsync(principal, request, cancellationToken);
        return await diffs.RunAsync(scope.Repository, DiffRange.Compare(scope.Repository.Git, scope.From, scope.To), query, cancellationToken);
    }

    public async Task<DiffStats> StatsAsync(Principal principal, CompareRequest request, DiffQuery query, CancellationToken cancellationToken)
    {
        using var scope = await OpenAsync(principal, request, cancellationToken);
        return await diffs.StatsAsync(scope.Repository, DiffRange.Compare(scope.Repository.Git, scope.From, scope.To), query, cancellationToken);
    }

    private Task<CompareScope> OpenAsync(Principal principal, CompareRequest request, CancellationToken cancellationToken) =>
        repositories.OpenAsync(principal, request.ProjectKey, request.Slug, request.From, request.To, request.FromRepo, cancellationToken);
}
