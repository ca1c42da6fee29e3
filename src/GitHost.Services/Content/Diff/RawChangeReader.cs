using GitHost.Services.Content.Files;

namespace GitHost.Services.Content.Diff;

/// <summary>Reads the <c>--raw -z</c> records git writes first, up to the empty record that ends them (or the end).</summary>
internal static class RawChangeReader
{
    public static async IAsyncEnumerable<RawChange> ReadAsync(BoundedLineReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadUntilAsync(0, keep: true, cancellationToken) is { Text.Length: > 0 } record)
        {
            var header = RawChange.ParseHeader(record.Text)
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

            yield return new RawChange(header.OldMode, header.NewMode, header.OldId, header.NewId, header.Status, header.Score, source, path);
        }
    }
}
