using GitHost.Core.Security;
using GitHost.Git.Commands;
using GitHost.Services.Content.Files;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Content.Diff;

/// <summary>
/// <c>diff</c> and <c>compare/diff</c>: Bitbucket's JSON diff, from one streamed <c>git diff</c>.
/// git rather than LibGit2Sharp's Patch API because only git offers <c>-w</c>, and because a streamed
/// process can be stopped at the cap while libgit2 builds the whole patch in memory first.
/// </summary>
public sealed class DiffService(ContentRepositories repositories, GitCommandRunner git, IOptions<ContentLimits> options)
{
    public async Task<DiffResult> DiffAsync(
        Principal principal, string projectKey, string slug, string? since, string? until, DiffQuery query, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        return await RunAsync(repository, DiffRange.SinceUntil(repository.Git, since, until), query, cancellationToken);
    }

    public async Task<DiffResult> CompareAsync(
        Principal principal, string projectKey, string slug, string? from, string? to, DiffQuery query, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        return await RunAsync(repository, DiffRange.Compare(repository.Git, from, to), query, cancellationToken);
    }

    /// <summary><c>commits/{commitId}/diff</c>: what the commit (an id, not a ref) changed since <paramref name="since"/> or its first parent.</summary>
    public async Task<DiffResult> CommitAsync(
        Principal principal, string projectKey, string slug, string commitId, string? since, DiffQuery query, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.ResolveId(repository.Git, commitId);
        return await RunAsync(repository, DiffRange.Since(repository.Git, commit, since), query, cancellationToken);
    }

    /// <summary><c>commits/{commitId}/diff-stats-summary</c>: the counts of what the commit changed since <paramref name="since"/> or its first parent.</summary>
    public async Task<DiffStats> CommitStatsAsync(
        Principal principal, string projectKey, string slug, string commitId, string? since, DiffQuery query, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.ResolveId(repository.Git, commitId);
        return await StatsAsync(repository, DiffRange.Since(repository.Git, commit, since), query, cancellationToken);
    }

    /// <summary>Files changed and lines added and removed in a range, from <c>git diff --shortstat</c>.</summary>
    public async Task<DiffStats> StatsAsync(OpenedRepository repository, DiffRange range, DiffQuery query, CancellationToken cancellationToken)
    {
        var command = git.Command("diff", "--shortstat", "-M", "--no-color", "--no-ext-diff", "--no-textconv").GitDir(repository.GitDir);
        if (query.IgnoreWhitespace)
        {
            command.Option("-w");
        }

        command.Option("--end-of-options").Value(range.FromTreeish).Value(range.To).Option("--");
        foreach (var path in new[] { query.Path, query.SourcePath }.OfType<ContentPath>().Where(p => !p.IsRoot).Distinct())
        {
            command.Value(":(literal)" + path);
        }

        var result = await command.RunAsync(cancellationToken);
        result.EnsureSuccess();
        return DiffStats.Parse(result.StandardOutput);
    }

    /// <summary>The diff of a range already resolved to commit ids (pull requests compute theirs from the merge base).</summary>
    public async Task<DiffResult> RunAsync(OpenedRepository repository, DiffRange range, DiffQuery query, CancellationToken cancellationToken)
    {
        var command = git.Command("diff", "--raw", "-z", "-p", "-M", "--no-abbrev", "--no-color", "--no-ext-diff", "--no-textconv")
            .GitDir(repository.GitDir)
            .Option("--unified=" + query.ContextLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (query.IgnoreWhitespace)
        {
            command.Option("-w");
        }

        command.Option("--end-of-options").Value(range.FromTreeish).Value(range.To).Option("--");
        foreach (var path in new[] { query.Path, query.SourcePath }.OfType<ContentPath>().Where(p => !p.IsRoot).Distinct())
        {
            command.Value(":(literal)" + path);
        }

        var parser = new UnifiedDiffParser(options.Value);
        var run = await command.StreamAsync(parser.ParseAsync, cancellationToken);
        run.EnsureSuccess();
        return new DiffResult(range.From, range.To, query.ContextLines, query.Whitespace, parser.Files, parser.Truncated);
    }
}
