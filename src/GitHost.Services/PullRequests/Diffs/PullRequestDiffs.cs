using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Git.Commands;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Content;
using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Commits;
using GitHost.Services.Content.Diff;
using GitHost.Services.Content.Files;
using LibGit2Sharp;

namespace GitHost.Services.PullRequests.Diffs;

/// <summary>
/// What a pull request changes: its diff (JSON or raw), changed files, commits, merge base and line
/// counts. All read the target repository, which holds the source commits through the hidden
/// <c>refs/pull-requests/{id}/from</c> ref even when the source is a fork.
/// </summary>
public sealed class PullRequestDiffs(
    PullRequestAccess access, GitRepositoryOpener opener, RepositoryLayout layout, DiffService diffs, ChangesService changes, GitCommandRunner git,
    DiffCommentQuery comments)
{
    /// <summary>
    /// The diff, streamed to the sink <paramref name="sinkFor"/> makes once the pull request is found, with the
    /// comments anchored on it when <paramref name="withComments"/> (Bitbucket's default); <paramref name="diffType"/>
    /// names the diff those comments were made on. Comments are read before git runs, so the diff streams from
    /// git's output to the sink without being held whole.
    /// </summary>
    public async Task StreamDiffAsync(
        Principal principal, string projectKey, string slug, long number, string? sinceId, string? untilId, DiffQuery query,
        bool withComments, string? diffType, Func<PullRequestTarget, DiffCommentPlacement, IDiffSink> sinkFor, CancellationToken cancellationToken)
    {
        using var scope = await ScopeAsync(principal, projectKey, slug, number, sinceId, untilId, cancellationToken);
        var commentType = DiffCommentType.Parse(diffType, scope.IsRange);
        var placement = withComments
            ? await comments.LoadAsync(scope, query, commentType, principal.UserId, cancellationToken)
            : DiffCommentPlacement.None;
        await diffs.StreamAsync(scope.Repository, scope.Range, query, sinkFor(scope.Target, placement), cancellationToken);
    }

    /// <summary>The pull request's whole diff gathered in memory (within the content limits), for a page that lays it out with its comments.</summary>
    public async Task<DiffResult> DiffAsync(Principal principal, string projectKey, string slug, long number, DiffQuery query, CancellationToken cancellationToken)
    {
        using var scope = await ScopeAsync(principal, projectKey, slug, number, null, null, cancellationToken);
        return await diffs.RunAsync(scope.Repository, scope.Range, query, cancellationToken);
    }

    public async Task<(ChangePage Page, bool IsRange)> ChangesAsync(
        Principal principal, string projectKey, string slug, long number, string? sinceId, string? untilId, PageRequest page, CancellationToken cancellationToken)
    {
        using var scope = await ScopeAsync(principal, projectKey, slug, number, sinceId, untilId, cancellationToken);
        return (await changes.ListAsync(scope.Repository, scope.Range, page, cancellationToken), scope.IsRange);
    }

    /// <summary>Commits in the source and not in the target, newest first, as the pull request last saw them.</summary>
    public async Task<CommitPage> CommitsAsync(
        Principal principal, string projectKey, string slug, long number, bool withCounts, PageRequest page, CancellationToken cancellationToken)
    {
        using var scope = await ScopeAsync(principal, projectKey, slug, number, null, null, cancellationToken);
        var repo = scope.Repository.Git;
        var pullRequest = scope.Target.PullRequest;
        var filter = new CommitFilter
        {
            IncludeReachableFrom = pullRequest.FromCommit,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time,
        };
        if (repo.Lookup<Commit>(pullRequest.ToCommit) is not null)
        {
            filter.ExcludeReachableFrom = pullRequest.ToCommit;
        }

        var walk = repo.Commits.QueryBy(filter);
        var result = Page<Commit>.From(walk, page).Map(CommitView.From);
        if (!withCounts)
        {
            return new CommitPage(result, null, null);
        }

        // The counts walk the whole range again; only callers who ask (withCounts) pay for it.
        var (total, authors) = (0, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        foreach (var commit in walk)
        {
            total++;
            authors.Add(commit.Author.Email);
        }

        return new CommitPage(result, total, authors.Count);
    }

    /// <summary>The merge base of the source and target heads; null when they share no history.</summary>
    public async Task<CommitView?> MergeBaseAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        using var scope = await ScopeAsync(principal, projectKey, slug, number, null, null, cancellationToken);
        return scope.MergeBase is { } id ? CommitView.From(scope.Repository.Git.Lookup<Commit>(id)) : null;
    }

    /// <summary>Files changed and lines added and removed, from <c>git diff --shortstat</c>.</summary>
    public async Task<DiffStats> StatsAsync(
        Principal principal, string projectKey, string slug, long number, string? sinceId, string? untilId, DiffQuery query, CancellationToken cancellationToken)
    {
        using var scope = await ScopeAsync(principal, projectKey, slug, number, sinceId, untilId, cancellationToken);
        return await diffs.StatsAsync(scope.Repository, scope.Range, query, cancellationToken);
    }

    /// <summary>The pull request's diff as git prints it (<c>.diff</c>), streamed to <paramref name="output"/>.</summary>
    public async Task RawDiffAsync(
        Principal principal, string projectKey, string slug, long number, DiffQuery query, Stream output, CancellationToken cancellationToken)
    {
        using var scope = await ScopeAsync(principal, projectKey, slug, number, null, null, cancellationToken);
        var run = await Command("diff", "-p", scope, query).StreamAsync((stdout, ct) => stdout.CopyToAsync(output, ct), cancellationToken);
        run.EnsureSuccess();
    }

    /// <summary>The pull request's commits as a mailbox of patches (<c>.patch</c>, <c>git format-patch --stdout</c>), oldest first.</summary>
    public async Task PatchAsync(Principal principal, string projectKey, string slug, long number, Stream output, CancellationToken cancellationToken)
    {
        using var scope = await ScopeAsync(principal, projectKey, slug, number, null, null, cancellationToken);
        var pullRequest = scope.Target.PullRequest;
        var range = scope.MergeBase is { } mergeBase ? mergeBase + ".." + pullRequest.FromCommit : pullRequest.FromCommit;
        var command = git.Command("format-patch", "--stdout", "--no-color", "--no-signature", "--no-ext-diff", "--no-textconv")
            .GitDir(scope.Repository.GitDir);
        if (scope.MergeBase is null)
        {
            command.Option("--root");
        }

        var run = await command.Option("--end-of-options").Value(range).Option("--")
            .StreamAsync((stdout, ct) => stdout.CopyToAsync(output, ct), cancellationToken);
        run.EnsureSuccess();
    }

    private GitCommand Command(string verb, string format, PullRequestDiffScope scope, DiffQuery query)
    {
        var command = git.Command(verb, format, "-M", "--no-color", "--no-ext-diff", "--no-textconv")
            .GitDir(scope.Repository.GitDir)
            .Option("--unified=" + query.ContextLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (query.IgnoreWhitespace)
        {
            command.Option("-w");
        }

        command.Option("--end-of-options").Value(scope.Range.FromTreeish).Value(scope.Range.To).Option("--");
        foreach (var path in new[] { query.Path, query.SourcePath }.OfType<ContentPath>().Where(p => !p.IsRoot).Distinct())
        {
            command.Value(":(literal)" + path);
        }

        return command;
    }

    private async Task<PullRequestDiffScope> ScopeAsync(
        Principal principal, string projectKey, string slug, long number, string? sinceId, string? untilId, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var id = target.Repository.Repository.Id;
        var repository = new OpenedRepository(target.Repository, opener.Open(id), layout.PathOf(id));
        try
        {
            return PullRequestDiffScope.Create(repository, target, sinceId, untilId);
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }
}
