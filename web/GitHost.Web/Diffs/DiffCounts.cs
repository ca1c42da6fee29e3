using GitHost.Services.Content.Diff;

namespace GitHost.Web.Diffs;

/// <summary>What the diff view says about one file: its name, the kind of change and its line counts.</summary>
public static class DiffCounts
{
    public static (int Added, int Removed) Of(FileDiff file)
    {
        var added = 0;
        var removed = 0;
        foreach (var segment in file.Hunks.SelectMany(h => h.Segments))
        {
            if (segment.Type == DiffSegmentType.Added)
            {
                added += segment.Lines.Count;
            }
            else if (segment.Type == DiffSegmentType.Removed)
            {
                removed += segment.Lines.Count;
            }
        }

        return (added, removed);
    }

    public static string DisplayPath(FileDiff file) => (file.Destination ?? file.Source)?.ToString() ?? "";

    /// <summary>Bitbucket's change types: ADD, DELETE, MOVE (renamed) or MODIFY.</summary>
    public static string Kind(FileDiff file) => (file.Source, file.Destination) switch
    {
        (null, _) => "ADD",
        (_, null) => "DELETE",
        _ when IsRename(file) => "MOVE",
        _ => "MODIFY",
    };

    /// <summary>One letter for the file list, as git's name-status writes it: A, D, R or M.</summary>
    public static string Letter(FileDiff file) => Kind(file) switch
    {
        "ADD" => "A",
        "DELETE" => "D",
        "MOVE" => "R",
        _ => "M",
    };

    public static bool IsRename(FileDiff file) =>
        file.Source is not null && file.Destination is not null && file.Source.ToString() != file.Destination.ToString();
}
