using GitHost.Services.Content.Diff;

namespace GitHost.Web.Diffs;

/// <summary>
/// The anchors of a diff page: <c>file-N</c> for the Nth file, <c>file-N-sX</c> for removed line X of
/// the old side and <c>file-N-dX</c> for line X of the new side (added or context): short, since every
/// line carries one, and enough to find the line again in the same diff.
/// </summary>
public static class DiffAnchors
{
    public static string File(int index) => "file-" + (index + 1);

    public static string Line(int fileIndex, DiffSegmentType type, DiffLine line) =>
        type == DiffSegmentType.Removed ? $"{File(fileIndex)}-s{line.Source}" : $"{File(fileIndex)}-d{line.Destination}";

    /// <summary>The line a line anchor names in <paramref name="diff"/>, or null when it names none.</summary>
    public static DiffLineAt? Find(DiffResult diff, string? anchor)
    {
        if (!TryParse(anchor, out var fileIndex, out var removed, out var number) || fileIndex >= diff.Diffs.Count)
        {
            return null;
        }

        var file = diff.Diffs[fileIndex];
        foreach (var segment in file.Hunks.SelectMany(h => h.Segments))
        {
            if ((segment.Type == DiffSegmentType.Removed) != removed)
            {
                continue;
            }

            foreach (var line in segment.Lines)
            {
                if ((removed ? line.Source : line.Destination) == number)
                {
                    return new DiffLineAt(file, segment.Type, line);
                }
            }
        }

        return null;
    }

    private static bool TryParse(string? anchor, out int fileIndex, out bool removed, out int number)
    {
        fileIndex = number = 0;
        removed = false;
        const string prefix = "file-";
        if (anchor is null || anchor.Length > 40 || !anchor.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = anchor.AsSpan(prefix.Length);
        var dash = rest.IndexOf('-');
        if (dash <= 0 || dash + 2 >= rest.Length || rest[dash + 1] is not ('s' or 'd')
            || !int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var file)
            || !int.TryParse(rest[(dash + 2)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number)
            || file < 1)
        {
            return false;
        }

        fileIndex = file - 1;
        removed = rest[dash + 1] == 's';
        return true;
    }
}

/// <summary>One line of a diff: its file, whether it was added, removed or context, and the line.</summary>
public sealed record DiffLineAt(FileDiff File, DiffSegmentType Type, DiffLine Line);
