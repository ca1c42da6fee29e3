namespace GitHost.Git.Maintenance;

/// <summary>The packs in <c>objects/pack</c>: size, when written, and whether a <c>.keep</c> file holds them.</summary>
internal static class PackFiles
{
    public static IReadOnlyList<PackFile> Read(string packDirectory)
    {
        if (!Directory.Exists(packDirectory))
        {
            return [];
        }

        var packs = new List<PackFile>();
        foreach (var path in Directory.EnumerateFiles(packDirectory, "pack-*.pack"))
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                // Deleted by a repack between listing and reading.
                continue;
            }

            packs.Add(new PackFile(file.Length, file.LastWriteTimeUtc, File.Exists(Path.ChangeExtension(path, ".keep"))));
        }

        return packs;
    }
}
