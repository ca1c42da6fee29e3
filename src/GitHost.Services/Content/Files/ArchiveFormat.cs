using GitHost.Core.Failures;

namespace GitHost.Services.Content.Files;

public enum ArchiveFormat
{
    Zip,
    Tar,
    Tgz,
    TarGz,
}

/// <summary>The archive formats Bitbucket accepts (case-insensitive), and their git and file names.</summary>
public static class ArchiveFormats
{
    public static ArchiveFormat Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "zip" => ArchiveFormat.Zip,
        "tar" => ArchiveFormat.Tar,
        "tgz" => ArchiveFormat.Tgz,
        "tar.gz" => ArchiveFormat.TarGz,
        _ => throw GitHostException.Invalid($"'{value}' is not an archive format: use zip, tar, tgz or tar.gz.", "format"),
    };

    public static string GitName(ArchiveFormat format) => Extension(format);

    public static string Extension(ArchiveFormat format) => format switch
    {
        ArchiveFormat.Zip => "zip",
        ArchiveFormat.Tar => "tar",
        ArchiveFormat.Tgz => "tgz",
        _ => "tar.gz",
    };

    public static string ContentType(ArchiveFormat format) => format switch
    {
        ArchiveFormat.Zip => "application/zip",
        ArchiveFormat.Tar => "application/x-tar",
        _ => "application/gzip",
    };
}
