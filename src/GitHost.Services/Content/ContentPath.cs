using GitHost.Core.Failures;

namespace GitHost.Services.Content;

/// <summary>
/// A path inside a repository's tree, checked where it enters. It is only ever used to look up git
/// tree entries (never the file system), but hostile shapes are still refused outright so nothing
/// downstream has to think about them: dot segments, empty segments, absolute paths, backslashes,
/// NUL and other control characters, encoded separators and overlong paths.
/// </summary>
public sealed record ContentPath
{
    public const int MaxLength = 4096;

    private ContentPath(IReadOnlyList<string> components) => Components = components;

    public static ContentPath Root { get; } = new([]);

    public IReadOnlyList<string> Components { get; }

    public bool IsRoot => Components.Count == 0;

    public string Name => IsRoot ? "" : Components[^1];

    public string Parent => Components.Count <= 1 ? "" : string.Join('/', Components.Take(Components.Count - 1));

    public string? Extension
    {
        get
        {
            var dot = Name.LastIndexOf('.');
            return dot > 0 && dot < Name.Length - 1 ? Name[(dot + 1)..] : null;
        }
    }

    public override string ToString() => string.Join('/', Components);

    public ContentPath Append(string name) => new([.. Components, name]);

    /// <summary>The path relative to <paramref name="ancestor"/> (which must contain it).</summary>
    public ContentPath RelativeTo(ContentPath ancestor) => new(Components.Skip(ancestor.Components.Count).ToList());

    /// <summary>Parses a path from a URL or query; null or empty is the root. One trailing slash is allowed.</summary>
    public static ContentPath Parse(string? value, string context = "path")
    {
        if (string.IsNullOrEmpty(value))
        {
            return Root;
        }

        if (value.Length > MaxLength)
        {
            throw GitHostException.Invalid($"The path is longer than {MaxLength} characters.", context);
        }

        var trimmed = value.EndsWith('/') ? value[..^1] : value;
        if (trimmed.Length == 0)
        {
            return Root;
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c) || c == '\\')
            {
                throw GitHostException.Invalid("The path may not contain backslashes or control characters.", context);
            }
        }

        if (trimmed.Contains("%2f", StringComparison.OrdinalIgnoreCase) || trimmed.Contains("%5c", StringComparison.OrdinalIgnoreCase))
        {
            throw GitHostException.Invalid("The path may not contain encoded separators.", context);
        }

        var components = trimmed.Split('/');
        foreach (var component in components)
        {
            if (component is "" or "." or "..")
            {
                throw GitHostException.Invalid($"'{value}' is not a valid path: use a relative path without '.', '..' or empty segments.", context);
            }
        }

        return new ContentPath(components);
    }

    /// <summary>A path git wrote (already valid), split into components.</summary>
    public static ContentPath FromGit(string path) => path.Length == 0 ? Root : new ContentPath(path.Split('/'));
}
