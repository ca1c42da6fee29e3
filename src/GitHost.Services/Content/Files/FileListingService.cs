using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Git.Commands;

namespace GitHost.Services.Content.Files;

/// <summary>
/// <c>files</c>: every file under a directory, recursively, as paths relative to it. Streamed from
/// <c>git ls-tree -r -z</c> and read only as far as the page needs, so a huge tree costs one page.
/// </summary>
public sealed class FileListingService(ContentRepositories repositories, GitCommandRunner git)
{
    public async Task<Page<string>> ListAsync(
        Principal principal, string projectKey, string slug, ContentPath path, string? at, PageRequest page, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.Resolve(repository.Git, at, "at");
        var entry = ContentNodes.Find(commit, path, at ?? repository.Git.Head.FriendlyName);
        if (ContentNodes.TypeOf(entry) != NodeType.Directory)
        {
            throw GitHostException.Invalid($"\"{path}\" is not a directory.", "path");
        }

        var tree = entry?.Target.Sha ?? commit.Tree.Sha;
        var files = new List<string>();
        var run = await git.Command("ls-tree", "-r", "-z").GitDir(repository.GitDir).Value(tree)
            .StreamAsync(async (stdout, ct) =>
            {
                var index = 0;
                await foreach (var record in NulRecords.ReadAsync(stdout, ct))
                {
                    // "<mode> SP <type> SP <object> TAB <path>"; only blobs are files.
                    var tab = record.IndexOf('\t', StringComparison.Ordinal);
                    if (tab < 0 || !record.AsSpan(0, tab).Contains(" blob ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (index++ < page.Start)
                    {
                        continue;
                    }

                    files.Add(record[(tab + 1)..]);
                    if (files.Count > page.Limit)
                    {
                        return;
                    }
                }
            }, cancellationToken);
        run.EnsureSuccess();
        var isLast = files.Count <= page.Limit;
        return new Page<string>(isLast ? files : files[..page.Limit], page, isLast);
    }
}
