using LibGit2Sharp;

namespace GitHost.Git.Reading;

/// <summary>
/// The objects of a bare repository as its pre-receive hook must see them: receive-pack keeps a
/// push's objects in a quarantine folder (<c>objects/incoming-*</c> or <c>objects/tmp_objdir-incoming-*</c>)
/// and moves them in only once the hooks agree, telling its own children through
/// <c>GIT_ALTERNATE_OBJECT_DIRECTORIES</c>. libgit2 takes alternates only from an <c>objects/info/alternates</c>
/// file, and the quarantine's own must not be written (receive-pack moves every file in it into the
/// repository), so this makes a throw-away repository in the temp folder whose alternates are the
/// quarantine folders and the repository's own objects (and, through that folder's own alternates
/// file, whatever it borrows from). It has no refs: read those from the repository itself.
/// <code>
/// using var view = QuarantineView.Open(gitDir, QuarantineView.FoldersOf(gitDir));
/// var commit = view.Repository.Lookup&lt;Commit&gt;(pushedId);
/// </code>
/// </summary>
public sealed class QuarantineView : IDisposable
{
    private readonly string _folder;

    private QuarantineView(string folder, Repository repository)
    {
        _folder = folder;
        Repository = repository;
    }

    /// <summary>Objects only: the repository's and the quarantined ones. Not safe to share between threads.</summary>
    public Repository Repository { get; }

    /// <summary>The quarantine folders of pushes in progress (more than one when pushes overlap; objects are named by content, so extra ones change no answer).</summary>
    public static IReadOnlyList<string> FoldersOf(string gitDir)
    {
        var objects = Path.Combine(gitDir, "objects");
        return Directory.Exists(objects) ? Directory.GetDirectories(objects, "*incoming-*") : [];
    }

    public static QuarantineView Open(string gitDir, IReadOnlyList<string> quarantines)
    {
        var folder = Path.Combine(Path.GetTempPath(), "githost-quarantine-view-" + Guid.NewGuid().ToString("N"));
        try
        {
            // libgit2 opens a folder as a repository when it holds HEAD, objects/ and refs/.
            Directory.CreateDirectory(Path.Combine(folder, "objects", "info"));
            Directory.CreateDirectory(Path.Combine(folder, "refs"));
            File.WriteAllText(Path.Combine(folder, "HEAD"), "ref: refs/heads/main\n");
            File.WriteAllText(Path.Combine(folder, "config"), "[core]\n\trepositoryformatversion = 0\n\tbare = true\n");
            var alternates = quarantines.Select(Path.GetFullPath).Append(Path.GetFullPath(Path.Combine(gitDir, "objects")));
            File.WriteAllText(Path.Combine(folder, "objects", "info", "alternates"), string.Join('\n', alternates) + "\n");
            return new QuarantineView(folder, new Repository(folder));
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    public void Dispose()
    {
        Repository.Dispose();
        TryDelete(_folder);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; it holds no objects, only five small files.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
