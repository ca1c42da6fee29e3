using System.Globalization;

namespace GitHost.Services.Content.Commits;

/// <summary>
/// Parses <c>git diff-tree -r -z -M</c> raw output. Each entry is
/// <c>:&lt;old mode&gt; &lt;new mode&gt; &lt;old id&gt; &lt;new id&gt; &lt;status&gt;[score]\0&lt;path&gt;\0</c>, with a second
/// path for renames and copies (<c>R087\0old\0new\0</c>). With <c>-z</c> paths are not quoted.
/// </summary>
internal static class DiffTreeParser
{
    private const string ZeroId = "0000000000000000000000000000000000000000";

    public static IReadOnlyList<ChangeView> Parse(string output)
    {
        var fields = output.Split('\0');
        var changes = new List<ChangeView>();
        var i = 0;
        while (i < fields.Length && fields[i].StartsWith(':'))
        {
            var meta = fields[i][1..].Split(' ');
            var (oldMode, newMode, oldId, newId, status) = (meta[0], meta[1], meta[2], meta[3], meta[4]);
            var letter = status[0];
            var score = status.Length > 1 && int.TryParse(status.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
            string path;
            string? srcPath = null;
            if (letter is 'R' or 'C')
            {
                srcPath = fields[i + 1];
                path = fields[i + 2];
                i += 3;
            }
            else
            {
                path = fields[i + 1];
                i += 2;
            }

            var type = letter switch
            {
                'A' => "ADD",
                'D' => "DELETE",
                'M' or 'T' => "MODIFY",
                'R' => "MOVE",
                'C' => "COPY",
                _ => "UNKNOWN",
            };
            var mode = letter == 'D' ? oldMode : newMode;
            changes.Add(new ChangeView(
                path,
                srcPath,
                type,
                NodeType(mode),
                letter == 'D' ? ZeroId : newId,
                letter == 'A' ? ZeroId : oldId,
                newMode == "100755",
                oldMode == "100755",
                letter is 'R' or 'C' ? score : -1));
        }

        return changes;
    }

    private static string NodeType(string mode) => mode switch
    {
        "160000" => "SUBMODULE",
        "040000" => "DIRECTORY",
        _ => "FILE",
    };
}
