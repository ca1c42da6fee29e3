using GitHost.Services.Content;
using GitHost.Services.Content.Files;

namespace GitHost.Web.Repositories;

/// <summary>How a file is shown, by its name: markdown rendered, images as images, a directory's README under it.</summary>
public static class FileKinds
{
    private static readonly string[] MarkdownExtensions = ["md", "markdown", "mdown", "mkd"];
    private static readonly string[] ImageExtensions = ["png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "svg"];

    public static bool IsMarkdown(ContentPath path) => Has(path, MarkdownExtensions);

    public static bool IsImage(ContentPath path) => Has(path, ImageExtensions);

    /// <summary>The README to show under a directory listing: a markdown one first, then a plain one.</summary>
    public static ContentPath? Readme(DirectoryListing directory)
    {
        var files = directory.Children.Values.Where(c => c.Type == NodeType.File && c.Path.Components.Count == 1).ToList();
        var readme = files.FirstOrDefault(f => IsReadme(f.Path) && IsMarkdown(f.Path))
            ?? files.FirstOrDefault(f => IsReadme(f.Path) && f.Path.Extension is null or "txt");
        return readme is null ? null : readme.Path.Components.Aggregate(directory.Path, (p, c) => p.Append(c));
    }

    private static bool IsReadme(ContentPath path) =>
        System.IO.Path.GetFileNameWithoutExtension(path.Name).Equals("readme", StringComparison.OrdinalIgnoreCase);

    private static bool Has(ContentPath path, string[] extensions) =>
        path.Extension is { } extension && extensions.Contains(extension.ToLowerInvariant());
}
