using System.Formats.Tar;
using System.IO.Compression;
using GitHost.Pipelines.Triggers;

namespace GitHost.Runner.Artifacts;

/// <summary>
/// Packs the files of a step's clone that its <c>artifacts</c> globs match (paths relative to the clone,
/// <c>/</c>-separated, Bitbucket's glob) into a gzipped tar. Regular files only: a symbolic link could
/// point out of the clone and carry the runner's own files to another step, and <c>.git</c> is the
/// clone's bookkeeping, never an artifact.
/// </summary>
public static class ArtifactPacker
{
    /// <returns>How many files were packed and their bytes before compression.</returns>
    public static async Task<(int Files, long Bytes)> PackAsync(string build, IReadOnlyList<string> globs, Stream destination, CancellationToken cancellationToken)
    {
        var wanted = PipelineGlob.AnyOf(globs);
        var (files, bytes) = (0, 0L);
        await using var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var file in Files(new DirectoryInfo(build), ""))
        {
            if (wanted(file.Relative))
            {
                await tar.WriteEntryAsync(file.Info.FullName, file.Relative, cancellationToken);
                files++;
                bytes += file.Info.Length;
            }
        }

        return (files, bytes);
    }

    private static IEnumerable<(FileInfo Info, string Relative)> Files(DirectoryInfo directory, string prefix)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = prefix + entry.Name;
            if (entry.LinkTarget is not null || (prefix.Length == 0 && entry.Name == ".git"))
            {
                continue;
            }

            if (entry is DirectoryInfo child)
            {
                foreach (var file in Files(child, relative + "/"))
                {
                    yield return file;
                }
            }
            else if (entry is FileInfo file)
            {
                yield return (file, relative);
            }
        }
    }
}
