using System.Globalization;
using GitHost.Services.Content.Files;

namespace GitHost.Services.Content.Changes;

/// <summary>
/// Reads the records <c>git diff --raw -z</c> writes first, up to the empty record that ends them (a
/// patch may follow) or the end of output. With <c>-z</c> every field is NUL-terminated and paths are
/// not quoted: <c>:100644 100644 &lt;old&gt; &lt;new&gt; M\0a.txt\0:100644 100644 &lt;old&gt; &lt;new&gt; R087\0old\0new\0</c>.
/// </summary>
internal static class RawChangeReader
{
    public static async IAsyncEnumerable<FileChange> ReadAsync(
        BoundedLineReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadUntilAsync(0, keep: true, cancellationToken) is { Text.Length: > 0 } record)
        {
            var header = ParseHeader(record.Text)
                ?? throw new InvalidOperationException($"git diff --raw wrote an unexpected record: '{record.Text}'.");
            var first = await reader.ReadUntilAsync(0, keep: true, cancellationToken)
                ?? throw new InvalidOperationException("git diff --raw ended inside a record.");
            ContentPath? source = null;
            var path = ContentPath.FromGit(first.Text);
            if (header.Status is 'R' or 'C')
            {
                var second = await reader.ReadUntilAsync(0, keep: true, cancellationToken)
                    ?? throw new InvalidOperationException("git diff --raw ended inside a rename record.");
                source = path;
                path = ContentPath.FromGit(second.Text);
            }

            yield return new FileChange(header.OldMode, header.NewMode, header.OldId, header.NewId, header.Status, header.Score, source, path);
        }
    }

    /// <summary>Parses the header record (<c>:100644 100644 abc def R087</c>); the paths follow as separate records.</summary>
    private static (string OldMode, string NewMode, string OldId, string NewId, char Status, int? Score)? ParseHeader(string record)
    {
        if (!record.StartsWith(':'))
        {
            return null;
        }

        var fields = record[1..].Split(' ');
        if (fields.Length < 5 || fields[4].Length == 0)
        {
            return null;
        }

        var status = fields[4];
        int? score = status.Length > 1 && int.TryParse(status.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        return (fields[0], fields[1], fields[2], fields[3], status[0], score);
    }
}
