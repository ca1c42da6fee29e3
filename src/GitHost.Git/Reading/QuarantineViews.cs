using System.Collections.Concurrent;
using System.Text;

namespace GitHost.Git.Reading;

/// <summary>
/// Opens <see cref="QuarantineView"/>s: LibGit2Sharp repositories that see a push's quarantined objects.
/// receive-pack keeps a push's objects in <c>objects/incoming-*</c> (or <c>tmp_objdir-incoming-*</c>) until
/// the hooks agree and tells its own children through <c>GIT_ALTERNATE_OBJECT_DIRECTORIES</c>; libgit2
/// reads alternates only from an <c>objects/info/alternates</c> file, and the quarantine's own must not
/// be written (receive-pack moves every file in it into the repository). So a view is a small repository
/// of its own in the temp folder whose alternates are the quarantine folders and the repository's
/// objects (and, through that folder's alternates file, whatever it borrows from); it has no refs.
/// The folders are reused: deleting files costs milliseconds on a disk mounted with discard, and only
/// the alternates file changes between pushes. One folder per push being checked at the same time.
/// <code>
/// using var view = views.Open(gitDir, push.Quarantines);
/// var commit = view.Repository.Lookup&lt;Commit&gt;(pushedId);
/// </code>
/// </summary>
public sealed class QuarantineViews : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "githost-quarantine-views-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentBag<ViewFolder> _free = [];

    public QuarantineView Open(string gitDir, IReadOnlyList<string> quarantines)
    {
        var folder = _free.TryTake(out var free) ? free : Create();
        try
        {
            var alternates = quarantines.Select(Path.GetFullPath).Append(Path.GetFullPath(Path.Combine(gitDir, "objects")));
            folder.WriteAlternates(string.Join('\n', alternates) + "\n");
            return new QuarantineView(new LibGit2Sharp.Repository(folder.Path), () => _free.Add(folder));
        }
        catch
        {
            _free.Add(folder);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left in the temp folder: small files, no objects.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private ViewFolder Create()
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        // libgit2 opens a folder as a repository when it holds HEAD, objects/ and refs/.
        Directory.CreateDirectory(Path.Combine(path, "objects", "info"));
        Directory.CreateDirectory(Path.Combine(path, "refs"));
        File.WriteAllText(Path.Combine(path, "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(path, "config"), "[core]\n\trepositoryformatversion = 0\n\tbare = true\n");
        return new ViewFolder(path);
    }

    private sealed class ViewFolder(string path)
    {
        private long _length;

        public string Path => path;

        /// <summary>
        /// Overwrites the file in place, padded with newlines (libgit2 skips empty lines) to at least its
        /// old length: a truncation would free a block, which costs as much as the delete this avoids.
        /// </summary>
        public void WriteAlternates(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var length = Math.Max(_length, ((bytes.Length / 4096) + 1) * 4096L);
            var padded = new byte[length];
            bytes.CopyTo(padded, 0);
            padded.AsSpan(bytes.Length).Fill((byte)'\n');
            using (var file = new FileStream(System.IO.Path.Combine(path, "objects", "info", "alternates"), FileMode.OpenOrCreate, FileAccess.Write))
            {
                file.Write(padded);
            }

            _length = length;
        }
    }
}
