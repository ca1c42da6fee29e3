using GitHost.Services.Content.Diff;

namespace GitHost.Web.Diffs;

/// <summary>
/// A long diff cut into parts of whole files, each about <see cref="DiffView.PartLines"/> lines, so a
/// page shows its first files at once and the rest arrives as the reader scrolls (or follows a link
/// without script). A part holds at least one file, however long.
/// </summary>
public sealed class DiffParts
{
    private readonly int[] _partOfFile;

    private DiffParts(int[] partOfFile, int count)
    {
        _partOfFile = partOfFile;
        Count = count;
    }

    /// <summary>How many parts (at least 1, also for an empty diff).</summary>
    public int Count { get; }

    public static DiffParts Of(IReadOnlyList<FileDiff> files, int maxLines)
    {
        var partOfFile = new int[files.Count];
        var part = 0;
        var lines = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var fileLines = LinesOf(files[i]);
            if (lines > 0 && lines + fileLines > maxLines)
            {
                part++;
                lines = 0;
            }

            partOfFile[i] = part;
            lines += fileLines;
        }

        return new DiffParts(partOfFile, part + 1);
    }

    /// <summary>The part (1-based, as the address shows it) that holds file <paramref name="index"/>.</summary>
    public int PartOf(int index) => _partOfFile[index] + 1;

    /// <summary>The index of the first file of <paramref name="part"/> (1-based).</summary>
    public int FirstFile(int part) => Array.IndexOf(_partOfFile, part - 1);

    /// <summary>The index of the last file of <paramref name="part"/> (1-based).</summary>
    public int LastFile(int part) => Array.LastIndexOf(_partOfFile, part - 1);

    /// <summary>The part (1-based) holding <paramref name="file"/>, one of <paramref name="files"/>; 1 when it is not among them.</summary>
    public static int PartOf(IReadOnlyList<FileDiff> files, FileDiff file)
    {
        var parts = Of(files, DiffView.PartLines);
        for (var i = 0; i < files.Count; i++)
        {
            if (ReferenceEquals(files[i], file))
            {
                return parts.PartOf(i);
            }
        }

        return 1;
    }

    /// <summary>Rows a file takes in the table: its lines and one per hunk header.</summary>
    private static int LinesOf(FileDiff file) => file.Hunks.Count + file.Hunks.Sum(h => h.Segments.Sum(s => s.Lines.Count));
}
