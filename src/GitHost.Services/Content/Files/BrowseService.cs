using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Git.Commands;
using LibGit2Sharp;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Content.Files;

/// <summary>
/// <c>browse</c>: a directory's children or a page of a file's lines at a commit. File content is
/// streamed from <c>git cat-file</c> (LibGit2Sharp would inflate the whole blob into memory), read
/// only as far as the page needs, and bounded by <see cref="ContentLimits"/>.
/// </summary>
public sealed class BrowseService(ContentRepositories repositories, GitCommandRunner git, IOptions<ContentLimits> options)
{
    // git's own test for binary content: a NUL byte in the first 8000 bytes.
    private const int BinarySniffBytes = 8000;

    /// <param name="blame">Also who last changed each line of a file's page (<c>?blame</c>).</param>
    public async Task<BrowseResult> BrowseAsync(
        Principal principal, string projectKey, string slug, ContentPath path, string? at, int? start, int? limit, CancellationToken cancellationToken,
        bool blame = false)
    {
        var page = LinePage(start, limit);
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.Resolve(repository.Git, at, "at");
        var revision = at ?? repository.Git.Head.FriendlyName;
        var entry = ContentNodes.Find(commit, path, revision);
        return ContentNodes.TypeOf(entry) switch
        {
            NodeType.Directory => new DirectoryListing(path, revision, ListChildren(repository.Git, entry?.Target as Tree ?? commit.Tree, ToDirectoryPage(page))),
            NodeType.File => await WithBlameAsync(
                await ReadLinesAsync(repository, path, revision, entry!.Target.Sha, page, cancellationToken), blame, repository, commit.Sha, cancellationToken),
            _ => throw GitHostException.Invalid($"\"{path}\" is a submodule; browse the submodule's own repository.", "path"),
        };
    }

    /// <summary><c>type=true</c>: FILE, DIRECTORY or SUBMODULE; 404 when nothing is there.</summary>
    public async Task<NodeType> TypeAsync(Principal principal, string projectKey, string slug, ContentPath path, string? at, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.Resolve(repository.Git, at, "at");
        return ContentNodes.TypeOf(ContentNodes.Find(commit, path, at ?? repository.Git.Head.FriendlyName));
    }

    /// <summary><c>size=true</c>: a file's size in bytes, read from the object header only.</summary>
    public async Task<long> SizeAsync(Principal principal, string projectKey, string slug, ContentPath path, string? at, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.Resolve(repository.Git, at, "at");
        var entry = ContentNodes.Find(commit, path, at ?? repository.Git.Head.FriendlyName);
        return ContentNodes.TypeOf(entry) == NodeType.File
            ? repository.Git.ObjectDatabase.RetrieveObjectMetadata(entry!.Target.Id).Size
            : throw GitHostException.Invalid($"\"{path}\" is not a file.", "path");
    }

    /// <summary>Directories first, then files and submodules, each by name (ordinal), as Bitbucket lists them.</summary>
    private static Page<DirectoryChild> ListChildren(Repository repository, Tree tree, PageRequest page)
    {
        var children = tree
            .OrderBy(e => e.TargetType == TreeEntryTargetType.Tree ? 0 : 1)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .Skip(page.Start)
            .Take(page.Limit + 1)
            .Select(e => new DirectoryChild(
                ContentPath.FromGit(e.Name),
                ContentNodes.TypeOf(e),
                e.Target.Sha,
                e.TargetType == TreeEntryTargetType.Blob ? repository.ObjectDatabase.RetrieveObjectMetadata(e.Target.Id).Size : null,
                e.Mode == Mode.ExecutableFile))
            .ToList();
        var isLast = children.Count <= page.Limit;
        return new Page<DirectoryChild>(isLast ? children : children[..page.Limit], page, isLast);
    }

    private async Task<BrowseResult> ReadLinesAsync(
        OpenedRepository repository, ContentPath path, string revision, string blobId, PageRequest page, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var lines = new List<TextLine>();
        var binary = false;
        var more = false;
        var run = await git.Command("cat-file", "blob").GitDir(repository.GitDir).Value(blobId).StreamAsync(async (stdout, ct) =>
        {
            var reader = new BoundedLineReader(stdout, limits.MaxLineBytes);
            var head = await reader.PeekAsync(BinarySniffBytes, ct);
            if (head.Span.IndexOf((byte)0) >= 0)
            {
                binary = true;
                return;
            }

            var lineNumber = 0;
            var chars = 0L;
            while (await reader.ReadLineAsync(keep: lineNumber >= page.Start, ct) is { } line)
            {
                if (lineNumber >= page.Start)
                {
                    if (lines.Count == page.Limit || chars > limits.MaxPageChars)
                    {
                        more = true;
                        return;
                    }

                    lines.Add(line with { Text = line.Text.TrimEnd('\r') });
                    chars += line.Text.Length;
                }

                lineNumber++;
                if (reader.BytesRead > limits.MaxBrowseScanBytes)
                {
                    // A page cut short is still a correct page; skipping that far without one is refused.
                    more = true;
                    if (lines.Count == 0)
                    {
                        throw new GitHostException(FailureKind.TooLarge, $"\"{path}\" is too large to browse from line {page.Start}; download it with raw instead.", "start");
                    }

                    return;
                }
            }
        }, cancellationToken);
        run.EnsureSuccess();

        return binary
            ? new BinaryFile(path, revision)
            : new FileLines(path, revision, lines, page.Start, page.Limit, !more);
    }

    private async Task<BrowseResult> WithBlameAsync(
        BrowseResult result, bool blame, OpenedRepository repository, string commitId, CancellationToken cancellationToken)
    {
        if (!blame || result is not FileLines { Lines.Count: > 0 } lines)
        {
            return result;
        }

        var parser = new BlameIncrementalParser();
        var first = lines.Start + 1;
        // The commit is a resolved 40-hex id and the range is two numbers: no user text but the path, after "--".
        var run = await git.Command("blame", "--incremental")
            .Option(string.Create(CultureInfo.InvariantCulture, $"-L{first},{first + lines.Lines.Count - 1}"))
            .GitDir(repository.GitDir).Value(commitId).AfterSeparator(result.Path.ToString())
            .StreamAsync(async (stdout, ct) =>
            {
                var reader = new BoundedLineReader(stdout, options.Value.MaxLineBytes);
                while (await reader.ReadLineAsync(keep: true, ct) is { } line)
                {
                    parser.Add(line.Text);
                }
            }, cancellationToken);
        run.EnsureSuccess();
        return lines with { Blame = parser.Spans() };
    }

    private static PageRequest LinePage(int? start, int? limit)
    {
        if (start is < 0)
        {
            throw GitHostException.Invalid("start must be 0 or greater.", "start");
        }

        if (limit is < 1)
        {
            throw GitHostException.Invalid("limit must be 1 or greater.", "limit");
        }

        return new PageRequest(start ?? 0, Math.Min(limit ?? ContentLimits.DefaultBrowseLines, ContentLimits.MaxBrowseLines));
    }

    private static PageRequest ToDirectoryPage(PageRequest lines) =>
        new(lines.Start, Math.Min(lines.Limit, PageRequest.MaxLimit));
}
