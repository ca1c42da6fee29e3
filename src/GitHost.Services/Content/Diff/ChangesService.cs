using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Git.Commands;
using GitHost.Services.Content.Files;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Content.Diff;

/// <summary>
/// <c>changes</c> and <c>compare/changes</c>: the files two commits differ in, with rename detection,
/// one page at a time from a streamed <c>git diff --raw -z</c> (stopped once the page is full).
/// </summary>
public sealed class ChangesService(ContentRepositories repositories, GitCommandRunner git, IOptions<ContentLimits> options)
{
    public async Task<Page<RawChange>> ChangesAsync(
        Principal principal, string projectKey, string slug, string? since, string? until, PageRequest page, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        return await ListAsync(repository, DiffRange.SinceUntil(repository.Git, since, until), page, cancellationToken);
    }

    public async Task<Page<RawChange>> CompareAsync(
        Principal principal, string projectKey, string slug, string? from, string? to, PageRequest page, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        return await ListAsync(repository, DiffRange.Compare(repository.Git, from, to), page, cancellationToken);
    }

    private async Task<Page<RawChange>> ListAsync(OpenedRepository repository, DiffRange range, PageRequest page, CancellationToken cancellationToken)
    {
        var changes = new List<RawChange>();
        var run = await git.Command("diff", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff")
            .GitDir(repository.GitDir)
            .Option("--end-of-options").Value(range.FromTreeish).Value(range.To)
            .StreamAsync(async (stdout, ct) =>
            {
                var index = 0;
                var reader = new BoundedLineReader(stdout, options.Value.MaxLineBytes);
                await foreach (var change in RawChangeReader.ReadAsync(reader, ct))
                {
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
        return new Page<RawChange>(isLast ? changes : changes[..page.Limit], page, isLast);
    }
}
