using Microsoft.AspNetCore.StaticFiles;

namespace GitHost.Server.Content.Files;

/// <summary>
/// The Content-Type <c>raw</c> serves a file with. Anything a browser would run or render as a page
/// (HTML, SVG, scripts) is served as plain text, so a repository file can never execute on this
/// origin; images and PDFs keep their type; unknown types are <c>application/octet-stream</c>.
/// </summary>
internal static class RawContentTypes
{
    private static readonly FileExtensionContentTypeProvider Provider = new();

    public const string Binary = "application/octet-stream";

    public static string For(string fileName)
    {
        if (!Provider.TryGetContentType(fileName, out var type))
        {
            return Binary;
        }

        if (type.StartsWith("image/", StringComparison.Ordinal) && type != "image/svg+xml" || type == "application/pdf")
        {
            return type;
        }

        return type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("javascript", StringComparison.Ordinal)
            || type.Contains("xml", StringComparison.Ordinal) || type.Contains("json", StringComparison.Ordinal)
            ? "text/plain; charset=utf-8"
            : Binary;
    }
}
