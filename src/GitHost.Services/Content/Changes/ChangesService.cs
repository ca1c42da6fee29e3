using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Git.Commands;
using GitHost.Services.Content.Files;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Content.Changes;

/// <summary>
/// The files two commits differ in, with rename detection: <c>commits/{commitId}/changes</c>,
/// <c>changes</c> and <c>compare/changes</c>. One page at a time from a streamed
/// <c>git diff --raw -z</c>, stopped once the page is full; nothing past
/// <see cref="ContentLimits.MaxChanges"/> is listed (Bitbucket's <c>page.max.changes</c>). git
/// rather than LibGit2Sharp because only git reports similarity scores (<c>percentUnchanged</c>).
/// </summary>
public sealed class ChangesService(ContentRepositories repositories, GitCommandRunner git, IOptions<ContentLimits> options)
{
    /// <summary>What <paramref name="commitId"/> (an id, not a ref) changed against <paramref name="since"/> or its first parent.</summary>
    public async Task<ChangePage> CommitAsync(
        Principal principal, string projectKey, string slug, string commitId, string? since, PageRequest page, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.ResolveId(repository.Git, commitId);
        return await ListAsync(repository, DiffRange.Since(repository.Git, commit, since), page, cancellationToken);
    }

    public async Task<ChangePage> ChangesAsync(
        Principal principal, string projectKey, string slug, string? since, string? until, PageRequest page, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        return await ListAsync(repository, DiffRange.SinceUntil(repository.Git, since, until), page, cancellationToken);
    }

    /// <summary>One page of the files a range already resolved to commit ids differs in.</summary>
    public async Task<ChangePage> ListAsync(OpenedRepository repository, DiffRange range, PageRequest page, CancellationToken cancellationToken)
    {
        var changes = new List<FileChange>();
        var limits = options.Value;
        var run = await git.Command("diff", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff")
            .GitDir(repository.GitDir)
            .Option("--end-of-options").Value(range.FromTreeish).Value(range.To)
            .StreamAsync(async (stdout, ct) =>
            {
                var index = 0;
                var reader = new BoundedLineReader(stdout, limits.MaxLineBytes);
                await foreach (var change in RawChangeReader.ReadAsync(reader, ct))
                {
                    if (index == limits.MaxChanges)
                    {
                        return;
                    }

                    if (index++ >= page.Start)
                    {
                        changes.Add(change);
                        if (changes.Count > page.Limit)
                        {
                            return;
                        }
                    }
                }
            }, cancellationToken);
        run.EnsureSuccess();
        var isLast = changes.Count <= page.Limit;
        return new ChangePage(new Page<FileChange>(isLast ? changes : changes[..page.Limit], page, isLast), range.From, range.To);
    }
}
