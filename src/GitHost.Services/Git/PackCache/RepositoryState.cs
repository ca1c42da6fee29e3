using System.Security.Cryptography;
using System.Text;

namespace GitHost.Services.Git.PackCache;

/// <summary>
/// A fingerprint of what an upload-pack answer depends on besides the request: every ref (HEAD, loose
/// refs, packed-refs, read as content so coarse file times on a network disk cannot hide a change), the
/// shallow file and the pack file names (a repack changes them). A push, a merge, a ref deleted or a
/// repack all give a new fingerprint, so a cached answer is never served for a state it was not made for.
/// <see cref="Stamp"/> is the cheap part: the same files' sizes and times, which change whenever git
/// replaces one (it writes a lock file and renames it over), for <see cref="RepositoryStates"/> to
/// know when the fingerprint it read last still holds.
/// </summary>
public static class RepositoryState
{
    public static string Fingerprint(string gitDir) => Hash(gitDir, AddContent);

    /// <summary>A hash of the size, write time and creation time of every file <see cref="Fingerprint"/> reads, and of the pack names.</summary>
    public static string Stamp(string gitDir) => Hash(gitDir, AddStat);

    /// <summary>Hashes HEAD, packed-refs, shallow and every loose ref (in path order) with <paramref name="addFile"/>, then the pack names.</summary>
    private static string Hash(string gitDir, Action<IncrementalHash, FileInfo, string> addFile)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in (string[])["HEAD", "packed-refs", "shallow"])
        {
            addFile(hash, new FileInfo(Path.Combine(gitDir, name)), name);
        }

        var refs = new DirectoryInfo(Path.Combine(gitDir, "refs"));
        if (refs.Exists)
        {
            foreach (var file in refs.EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                addFile(hash, file, Path.GetRelativePath(gitDir, file.FullName));
            }
        }

        var packs = Path.Combine(gitDir, "objects", "pack");
        if (Directory.Exists(packs))
        {
            foreach (var pack in Directory.EnumerateFiles(packs, "*.pack").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes("pack " + pack + "\n"));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AddStat(IncrementalHash hash, FileInfo file, string relativePath)
    {
        hash.AppendData(Encoding.UTF8.GetBytes("file " + relativePath + "\n"));
        try
        {
            if (file.Exists)
            {
                hash.AppendData(BitConverter.GetBytes(file.Length));
                hash.AppendData(BitConverter.GetBytes(file.LastWriteTimeUtc.Ticks));
                hash.AppendData(BitConverter.GetBytes(file.CreationTimeUtc.Ticks));
                return;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Removed between listing and looking: absent, as below.
        }

        hash.AppendData("-\n"u8);
    }

    private static void AddContent(IncrementalHash hash, FileInfo file, string relativePath)
    {
        hash.AppendData(Encoding.UTF8.GetBytes("file " + relativePath + "\n"));
        try
        {
            var content = File.ReadAllBytes(file.FullName);
            hash.AppendData(BitConverter.GetBytes((long)content.Length));
            hash.AppendData(content);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Absent (or removed by a ref update while the folder was read): absence is part of the state.
            hash.AppendData("-\n"u8);
        }
    }
}
