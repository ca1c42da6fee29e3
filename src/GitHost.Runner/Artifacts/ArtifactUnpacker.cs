using System.Formats.Tar;
using System.IO.Compression;

namespace GitHost.Runner.Artifacts;

/// <summary>
/// Unpacks an earlier step's artifacts into this step's clone, trusting nothing in the archive: only
/// regular files and directories, only at relative paths without <c>..</c> that stay inside the clone,
/// never through a symbolic link the clone holds (a repository may commit <c>dist -> /etc</c>), and a
/// link in the way of a file is replaced, not written through. Anything else is skipped and named.
/// </summary>
public static class ArtifactUnpacker
{
    /// <returns>How many files were written, and the entries skipped with why.</returns>
    public static async Task<(int Files, IReadOnlyList<string> Skipped)> UnpackAsync(Stream archive, string build, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(build).TrimEnd('/') + "/";
        var skipped = new List<string>();
        var files = 0;
        await using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
        await using var tar = new TarReader(gzip, leaveOpen: true);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var target = SafeTarget(root, entry.Name);
            if (target is null)
            {
                skipped.Add($"{entry.Name} (outside the clone)");
                continue;
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    if (!CreateDirectories(root, target))
                    {
                        skipped.Add($"{entry.Name} (through a symbolic link)");
                    }

                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    if (!CreateDirectories(root, Path.GetDirectoryName(target)!))
                    {
                        skipped.Add($"{entry.Name} (through a symbolic link)");
                        break;
                    }

                    if (new FileInfo(target) is { LinkTarget: not null } link)
                    {
                        link.Delete();
                    }

                    try
                    {
                        await entry.ExtractToFileAsync(target, overwrite: true, cancellationToken);
                        files++;
                    }
                    catch (IOException e)
                    {
                        skipped.Add($"{entry.Name} ({e.Message})");
                    }

                    break;
                default:
                    skipped.Add($"{entry.Name} ({entry.EntryType} entries are not unpacked)");
                    break;
            }
        }

        return (files, skipped);
    }

    private static string? SafeTarget(string root, string name)
    {
        var relative = name.Replace('\\', '/').TrimEnd('/');
        if (relative.Length == 0 || relative.StartsWith('/') || relative.Split('/').Any(part => part is ".." or ""))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>Creates the directories from the clone down to <paramref name="directory"/>; false when one of them is a symbolic link.</summary>
    private static bool CreateDirectories(string root, string directory)
    {
        var current = root.TrimEnd('/');
        var below = directory.Length > root.Length ? directory[root.Length..] : "";
        foreach (var part in below.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null || File.Exists(current) && new FileInfo(current).LinkTarget is not null)
            {
                return false;
            }

            if (!info.Exists)
            {
                info.Create();
            }
        }

        return true;
    }
}
