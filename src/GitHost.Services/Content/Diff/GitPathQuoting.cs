using System.Text;
using GitHost.Services.Content.Changes;

namespace GitHost.Services.Content.Diff;

/// <summary>
/// git's <c>quote_c_style</c> as used in patch headers (with the default <c>core.quotePath=true</c>):
/// a name holding a control character, <c>"</c>, <c>\</c> or any non-ASCII byte is written in double
/// quotes with C escapes and octal bytes. Used to recognise which file a <c>diff --git</c> header
/// belongs to without parsing names back out of it (they may contain spaces).
/// </summary>
internal static class GitPathQuoting
{
    public static string Quote(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        if (!bytes.Any(NeedsQuoting))
        {
            return name;
        }

        var quoted = new StringBuilder("\"");
        foreach (var b in bytes)
        {
            quoted.Append(b switch
            {
                (byte)'\a' => "\\a",
                (byte)'\b' => "\\b",
                (byte)'\t' => "\\t",
                (byte)'\n' => "\\n",
                (byte)'\v' => "\\v",
                (byte)'\f' => "\\f",
                (byte)'\r' => "\\r",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                _ when NeedsQuoting(b) => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
                _ => ((char)b).ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static bool NeedsQuoting(byte b) => b < 0x20 || b == '"' || b == '\\' || b >= 0x7f;

    /// <summary>The first line git writes for a file's patch.</summary>
    public static string Header(FileChange change) =>
        "diff --git " + Quote("a/" + change.OldSidePath) + " " + Quote("b/" + change.Path);
}
