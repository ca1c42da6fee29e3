using System.Globalization;
using GitHost.Core.Paging;
using GitHost.Git.Commands;
using GitHost.Git.Storage;

namespace GitHost.Services.Content.Commits;

/// <summary>
/// The history of one path, from <c>git log</c>. LibGit2Sharp's path-limited walk diffs every commit
/// against its parents in managed code and follows renames by default; git's own walk uses the
/// commit-graph's changed-path Bloom filters and stops after <c>--max-count</c>, so a page costs
/// about what the page holds. Paths are literal (<c>GIT_LITERAL_PATHSPECS</c>): '*' is a file name here.
/// </summary>
public sealed class PathHistory(BareRepositoryStore store, GitCommandRunner git)
{
    /// <summary>Commit ids, newest first, of the commits reachable from <paramref name="until"/> (not from <paramref name="since"/>) that touch <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<string>> IdsAsync(
        long repositoryId, string until, string? since, string path, MergeFilter merges, bool followRenames,
        PageRequest? page, CancellationToken cancellationToken)
    {
        var lines = await LogAsync(repositoryId, until, since, path, merges, followRenames, page, "--format=%H", cancellationToken);
        return lines;
    }

    /// <summary>Total commits and distinct author e-mails of the same walk, for <c>withCounts</c>.</summary>
    public async Task<(int Total, int Authors)> CountAsync(
        long repositoryId, string until, string? since, string path, MergeFilter merges, bool followRenames, CancellationToken cancellationToken)
    {
        var lines = await LogAsync(repositoryId, until, since, path, merges, followRenames, null, "--format=%ae", cancellationToken);
        return (lines.Count, lines.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    private async Task<IReadOnlyList<string>> LogAsync(
        long repositoryId, string until, string? since, string path, MergeFilter merges, bool followRenames,
        PageRequest? page, string format, CancellationToken cancellationToken)
    {
        var command = git.Command("log", format, "--no-color")
            .GitDir(store.PathOf(repositoryId))
            .Environment("GIT_LITERAL_PATHSPECS", "1");
        if (page is { } p)
        {
            // One more than asked, so the caller knows whether another page follows.
            command.Option("--skip=" + p.Start.ToString(CultureInfo.InvariantCulture))
                .Option("--max-count=" + (p.Limit + 1).ToString(CultureInfo.InvariantCulture));
        }

        if (merges == MergeFilter.Exclude)
        {
            command.Option("--no-merges");
        }
        else if (merges == MergeFilter.Only)
        {
            command.Option("--merges");
        }

        if (followRenames)
        {
            command.Option("--follow");
        }

        // until and since are resolved 40-hex ids here, never user text.
        command.Value(until);
        if (since is not null)
        {
            command.Value("^" + since);
        }

        command.AfterSeparator(path);
        var result = (await command.RunAsync(cancellationToken)).EnsureSuccess();
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
