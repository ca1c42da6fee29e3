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

    /// <summary><c>diff</c>, streamed to <paramref name="sink"/>.</summary>
    public async Task DiffAsync(
        Principal principal, string projectKey, string slug, string? since, string? until, DiffQuery query, IDiffSink sink, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        await StreamAsync(repository, DiffRange.SinceUntil(repository.Git, since, until), query, sink, cancellationToken);
    }

    public async Task<DiffResult> CompareAsync(
        Principal principal, string projectKey, string slug, string? from, string? to, DiffQuery query, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        return await RunAsync(repository, DiffRange.Compare(repository.Git, from, to), query, cancellationToken);
    }

    /// <summary>What the commit (an id, not a ref) changed since <paramref name="since"/> or its first parent, gathered whole (a commit comment's anchor).</summary>
    public async Task<DiffResult> CommitAsync(
        Principal principal, string projectKey, string slug, string commitId, string? since, DiffQuery query, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.ResolveId(repository.Git, commitId);
        return await RunAsync(repository, DiffRange.Since(repository.Git, commit, since), query, cancellationToken);
    }

    /// <summary><c>commits/{commitId}/diff</c>: what the commit (an id, not a ref) changed since <paramref name="since"/> or its first parent, streamed to <paramref name="sink"/>.</summary>
    public async Task CommitAsync(
        Principal principal, string projectKey, string slug, string commitId, string? since, DiffQuery query, IDiffSink sink, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.ResolveId(repository.Git, commitId);
        await StreamAsync(repository, DiffRange.Since(repository.Git, commit, since), query, sink, cancellationToken);
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

    /// <summary>The diff of a range already resolved to commit ids, gathered whole (for callers that inspect it).</summary>
    public async Task<DiffResult> RunAsync(OpenedRepository repository, DiffRange range, DiffQuery query, CancellationToken cancellationToken)
    {
        var builder = new DiffModelBuilder();
        await StreamAsync(repository, range, query, builder, cancellationToken);
        return new DiffResult(range.From, range.To, query.ContextLines, query.Whitespace, builder.Files, builder.Truncated);
    }

    /// <summary>
    /// The diff of a range already resolved to commit ids (pull requests compute theirs from the merge base),
    /// handed to <paramref name="sink"/> while git writes it: nothing holds the whole diff.
    /// </summary>
    public async Task StreamAsync(OpenedRepository repository, DiffRange range, DiffQuery query, IDiffSink sink, CancellationToken cancellationToken)
    {
        // --no-ext-diff/--no-textconv: a repository's configuration must not run programs or change what is shown;
        // --no-color: the parser reads plain text. -M (rename detection) is what Bitbucket shows (MOVE); it costs
        // little unless files are added and deleted in bulk, and diff.renameLimit bounds it.
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

        sink.Start(range);
        var parser = new UnifiedDiffParser(options.Value, sink);
        var run = await command.StreamAsync(parser.ParseAsync, cancellationToken);
        run.EnsureSuccess();
        await sink.CompleteAsync(cancellationToken);
    }
}
