namespace GitHost.Services.SecretScanning;

/// <summary>
/// Whether a push is one for libgit2: git unpacks a push of fewer than receive.unpackLimit (100)
/// objects into loose files and keeps a larger one as a pack, so a quarantine with a pack, or more
/// bytes than the bound, holds no typical push. Listing a few loose objects costs microseconds.
/// </summary>
public static class QuarantineSize
{
    public static bool IsSmall(IReadOnlyList<string> quarantines, long maxBytes)
    {
        if (maxBytes == 0)
        {
            return false;
        }

        long total = 0;
        foreach (var quarantine in quarantines)
        {
            try
            {
                foreach (var file in new DirectoryInfo(quarantine).EnumerateFiles("*", SearchOption.AllDirectories))
                {
                    total += file.Length;
                    if (total > maxBytes || file.Name.EndsWith(".pack", StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }
            catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                // Without the hook's own folder the list holds every push in progress on the repository
                // (PushQuarantines); an overlapping one that finished since it was taken had its quarantine (or a file in it)
                // removed by git. This push's own lives until its hook answers, so a vanished folder holds none of its objects.
            }
        }

        return true;
    }
}
