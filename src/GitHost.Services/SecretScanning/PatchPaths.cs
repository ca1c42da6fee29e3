using System.Text;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Paths as git prints them in a patch (with <c>core.quotePath=false</c>): <c>b/path</c>, or
/// <c>"b/pa\"th"</c> in C-style quotes when the path has a quote, backslash or control character; a
/// trailing tab when it has a space; <c>/dev/null</c> for a deleted file.
/// </summary>
internal static class PatchPaths
{
    /// <summary>From the text after <c>+++ </c>; null for /dev/null.</summary>
    public static string? NewPath(ReadOnlySpan<byte> text)
    {
        if (!text.IsEmpty && text[^1] == (byte)'\t')
        {
            text = text[..^1];
        }

        var path = text.Length > 0 && text[0] == (byte)'"' ? Unquote(text) : Encoding.UTF8.GetString(text);
        return path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : null;
    }

    /// <summary>From <c>Binary files a/x and b/y differ</c>: y, or null when the file was deleted.</summary>
    public static string? BinaryNewPath(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        const string suffix = " differ";
        if (!text.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        text = text[..^suffix.Length];
        var and = Math.Max(text.LastIndexOf(" and b/", StringComparison.Ordinal), text.LastIndexOf(" and \"b/", StringComparison.Ordinal));
        return and < 0 ? null : NewPath(Encoding.UTF8.GetBytes(text[(and + 5)..]));
    }

    /// <summary>git's C-style quoting: \" \\ \t \n and octal bytes (\303\251 for é).</summary>
    private static string Unquote(ReadOnlySpan<byte> quoted)
    {
        var bytes = new List<byte>(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var b = quoted[i];
            if (b != (byte)'\\' || i + 1 >= quoted.Length - 1)
            {
                bytes.Add(b);
                continue;
            }

            var next = quoted[++i];
            if (next is >= (byte)'0' and <= (byte)'7' && i + 2 < quoted.Length - 1)
            {
                bytes.Add((byte)(((next - '0') << 6) | ((quoted[i + 1] - '0') << 3) | (quoted[i + 2] - '0')));
                i += 2;
                continue;
            }

            bytes.Add(next switch
            {
                (byte)'t' => (byte)'\t',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'a' => 7,
                (byte)'b' => 8,
                (byte)'f' => 12,
                (byte)'v' => 11,
                _ => next,
            });
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
