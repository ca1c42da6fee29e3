using System.Buffers.Binary;

namespace GitHost.Git.Maintenance;

/// <summary>
/// The files of a repository's commit-graph and whether they carry changed-path Bloom filters, read
/// from git's format (Documentation/gitformat-commit-graph.txt): a header <c>CGPH</c>, version,
/// hash version, chunk count, base-graph count, then a table of 12-byte entries (a 4-byte chunk id and
/// an 8-byte offset). Bloom filters are the <c>BIDX</c> and <c>BDAT</c> chunks.
/// </summary>
internal static class CommitGraphFiles
{
    private const uint Signature = 0x43475048; // "CGPH"
    private const uint BloomData = 0x42444154; // "BDAT"

    /// <summary>The layers named in the chain file, else the single file, else none.</summary>
    public static IReadOnlyList<string> Of(string chainFile, string singleFile)
    {
        if (File.Exists(chainFile))
        {
            var directory = Path.GetDirectoryName(chainFile)!;
            return [.. ReadLines(chainFile)
                .Where(line => line.Length > 0 && line.All(char.IsAsciiHexDigitLower))
                .Select(hash => Path.Combine(directory, $"graph-{hash}.graph"))
                .Where(File.Exists)];
        }

        return File.Exists(singleFile) ? [singleFile] : [];
    }

    public static bool HasBloomFilters(string graphFile)
    {
        try
        {
            using var stream = File.OpenRead(graphFile);
            Span<byte> header = stackalloc byte[8];
            if (stream.Read(header) != 8 || BinaryPrimitives.ReadUInt32BigEndian(header) != Signature)
            {
                return false;
            }

            int chunks = header[6];
            Span<byte> entry = stackalloc byte[12];
            for (var i = 0; i < chunks; i++)
            {
                if (stream.Read(entry) != 12)
                {
                    return false;
                }

                if (BinaryPrimitives.ReadUInt32BigEndian(entry) == BloomData)
                {
                    return true;
                }
            }

            return false;
        }
        catch (IOException)
        {
            // Replaced by a commit-graph write meanwhile: the next evaluation sees the new one.
            return false;
        }
    }

    private static IEnumerable<string> ReadLines(string file)
    {
        try
        {
            return File.ReadAllLines(file);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
