using GitHost.Git.Reading;
using LibGit2Sharp;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Reads a small push's added lines through libgit2, in this process, for the same findings as
/// <c>git log -p -U0 --no-renames --diff-filter=d &lt;tips&gt; --not --all</c> read by <see cref="PatchScanner"/>:
/// commits newest first, merges skipped (<c>log -p</c> prints no diff for them), files in path order,
/// and for each file exactly what git would show (see <see cref="ReadFile"/>). Starting git costs several
/// ms; this costs a few for a few small files (docs/performance.md). It gives up (false, findings unusable) whenever
/// git's answer could differ or the push is larger than it is meant for, and git reads the push instead.
/// </summary>
internal sealed class InProcessPushReader(AddedLineScanner lines, SecretScanningOptions options)
{
    /// <summary>git calls a blob binary when a NUL byte is among its first 8,000 (buffer_is_binary).</summary>
    private const int BinaryProbeBytes = 8_000;

    // A few hundred commits is no typical push: git's walk is the better tool for a long history.
    private const int MaxCommits = 200;

    private readonly CompareOptions _lineDiff = new() { ContextLines = 0, InterhunkLines = 0, IndentHeuristic = true };

    private long _patchEstimate;

    /// <summary>Blob bytes read.</summary>
    public long BytesRead { get; private set; }

    /// <param name="repository">the repository itself, for its refs (what <c>--not --all</c> excludes)</param>
    /// <param name="objects">the repository's objects with the quarantined ones (<see cref="QuarantineView"/>)</param>
    public bool TryRead(Repository repository, Repository objects, IReadOnlyList<string> tips, CancellationToken cancellationToken)
    {
        if (KnownCommits(repository) is not { } known)
        {
            return false;
        }

        var filter = new CommitFilter
        {
            IncludeReachableFrom = tips.Select(t => new ObjectId(t)).ToList(),
            ExcludeReachableFrom = known,
            SortBy = CommitSortStrategies.Time,
        };
        var commits = 0;
        foreach (var commit in objects.Commits.QueryBy(filter))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++commits > MaxCommits)
            {
                return false;
            }

            var parents = commit.Parents.ToList();
            if (parents.Count > 1)
            {
                continue;
            }

            lines.StartCommit(commit.Sha);
            _patchEstimate += 42;
            var changes = objects.Diff.Compare<TreeChanges>(parents.FirstOrDefault()?.Tree, commit.Tree);
            foreach (var change in changes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (lines.IsFull)
                {
                    return true;
                }

                if (!ReadFile(objects, change))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Every commit a ref (or HEAD) of the repository points at, tags peeled: git's <c>--all</c>. Null
    /// when a ref is broken (dangling, or naming a missing object): rare, and git has its own rules for it.
    /// </summary>
    private static List<ObjectId>? KnownCommits(Repository repository)
    {
        var known = new List<ObjectId>();
        foreach (var reference in repository.Refs)
        {
            var target = reference.ResolveToDirectReference()?.Target;
            if (target is null)
            {
                return null;
            }

            while (target is TagAnnotation tag)
            {
                target = tag.Target;
            }

            if (target is Commit commit)
            {
                known.Add(commit.Id);
            }
        }

        if (repository.Head.Tip is { } head)
        {
            known.Add(head.Id);
        }

        return known;
    }

    /// <summary>
    /// One file of one commit as <c>git log -p</c> prints it: nothing for a deletion, or when the content did
    /// not change (a mode change) or the file is new and empty (git prints no <c>+++</c> line then); a file
    /// whose old or new content is binary (a NUL in its first 8,000 bytes, or larger than the threshold)
    /// by its path alone; otherwise its path and added lines. A type change is a deletion and a new file
    /// to git, so the new side is compared with nothing; a submodule's content is <c>Subproject commit &lt;id&gt;</c>.
    /// </summary>
    private bool ReadFile(Repository objects, TreeEntryChanges change)
    {
        if (change.Status is not (ChangeKind.Added or ChangeKind.Modified or ChangeKind.TypeChanged))
        {
            return change.Status is ChangeKind.Deleted or ChangeKind.Unmodified;
        }

        // What git would print for this file, at most: the headers, and for a type change the old
        // side's deletion. Past MaxBytes git stops with a warning, which git had better give itself.
        _patchEstimate += 300 + (4L * System.Text.Encoding.UTF8.GetByteCount(change.Path));
        if (change.Status == ChangeKind.TypeChanged && change.OldMode != Mode.GitLink)
        {
            _patchEstimate += 50 + (3 * objects.ObjectDatabase.RetrieveObjectMetadata(change.OldOid).Size);
        }

        var compareWithOld = change.Status == ChangeKind.Modified;
        if (compareWithOld && change.OldOid == change.Oid)
        {
            return _patchEstimate < options.MaxBytes;
        }

        var added = Content(objects, change.Oid, change.Mode);
        var old = compareWithOld ? Content(objects, change.OldOid, change.OldMode) : FileContent.Empty;
        if (added is null || old is null || BytesRead > options.InProcessMaxBytes || _patchEstimate >= options.MaxBytes)
        {
            return false;
        }

        if (added.Bytes.Length == 0 && old.Bytes.Length == 0 && !added.Binary && !old.Binary)
        {
            return true;
        }

        lines.StartFile(change.Path);
        if (added.Binary || old.Binary)
        {
            return true;
        }

        if (old.Bytes.Length == 0 || old.Blob is null || added.Blob is null)
        {
            // Against nothing (or a one-line submodule entry), every line is added.
            for (var number = 1; number <= added.LineCount && !lines.IsFull; number++)
            {
                lines.AddedLine(added.Line(number, options.MaxLineLength - 1), number);
            }

            return true;
        }

        var diff = objects.Diff.Compare(old.Blob, added.Blob, _lineDiff);
        if (diff.IsBinaryComparison)
        {
            // libgit2 also calls text with many control characters binary; git would show its lines.
            return false;
        }

        foreach (var line in diff.AddedLines)
        {
            if (lines.IsFull)
            {
                break;
            }

            lines.AddedLine(added.Line(line.LineNumber, options.MaxLineLength - 1), line.LineNumber);
        }

        return true;
    }

    /// <summary>A blob's bytes (not read when over the threshold: binary), or a submodule's one line; null when absent or over the bound.</summary>
    private FileContent? Content(Repository objects, ObjectId id, Mode mode)
    {
        if (mode == Mode.GitLink)
        {
            var text = System.Text.Encoding.ASCII.GetBytes($"Subproject commit {id.Sha}\n");
            _patchEstimate += (2 * text.Length) + 100;
            return new FileContent(text, false, null);
        }

        // The header alone: a blob over the threshold is binary and never loaded, as in git.
        var size = objects.ObjectDatabase.RetrieveObjectMetadata(id).Size;
        if (size > options.MaxFileBytes)
        {
            return new FileContent([], true, null);
        }

        BytesRead += size;
        if (BytesRead > options.InProcessMaxBytes || objects.Lookup<Blob>(id) is not { } blob)
        {
            return null;
        }

        var bytes = new byte[blob.Size];
        using (var stream = blob.GetContentStream())
        {
            stream.ReadExactly(bytes);
        }

        // Each line printed with its +/- and at worst a hunk header of its own (-U0).
        var content = new FileContent(bytes, bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeBytes)).Contains((byte)0), blob);
        _patchEstimate += (2L * bytes.Length) + (50L * (content.LineCount + 1));
        return content;
    }

    private sealed class FileContent(byte[] bytes, bool binary, Blob? blob)
    {
        private int[]? _starts;

        public static readonly FileContent Empty = new([], false, null);

        public byte[] Bytes => bytes;

        public bool Binary => binary;

        public Blob? Blob => blob;

        /// <summary>Lines as xdiff counts them: a last line without a newline counts, an empty tail does not.</summary>
        public int LineCount => Starts.Length - 1;

        /// <summary>Line <paramref name="number"/> (from 1) without its newline, cut at <paramref name="maxLength"/> bytes.</summary>
        public ReadOnlySpan<byte> Line(int number, int maxLength)
        {
            var starts = Starts;
            if (number < 1 || number >= starts.Length)
            {
                return [];
            }

            var line = bytes.AsSpan(starts[number - 1], starts[number] - starts[number - 1]);
            if (!line.IsEmpty && line[^1] == (byte)'\n')
            {
                line = line[..^1];
            }

            return line.Length > maxLength ? line[..maxLength] : line;
        }

        /// <summary>Where each line starts, and one past the end: line n is [starts[n-1], starts[n]).</summary>
        private int[] Starts => _starts ??= FindStarts();

        private int[] FindStarts()
        {
            var starts = new List<int> { 0 };
            var rest = bytes.AsSpan();
            var offset = 0;
            int end;
            while ((end = rest.IndexOf((byte)'\n')) >= 0)
            {
                offset += end + 1;
                starts.Add(offset);
                rest = rest[(end + 1)..];
            }

            if (offset < bytes.Length)
            {
                starts.Add(bytes.Length);
            }

            return [.. starts];
        }
    }
}
