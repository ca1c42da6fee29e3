namespace GitHost.Data.Comments;

/// <summary>
/// Where a comment sits in a diff (Bitbucket's anchor): the file, and for a line comment the line in
/// the FROM (old) or TO (new) file, with the diff it was made on (<see cref="FromHash"/>..<see cref="ToHash"/>).
/// Enum-like values are kept as Bitbucket's names (<c>ADDED</c>, <c>TO</c>, <c>EFFECTIVE</c>).
/// <see cref="Orphaned"/> marks a comment whose line no longer exists after a rescope.
/// </summary>
public sealed class CommentAnchor
{
    public string Path { get; set; } = "";

    public string? SrcPath { get; set; }

    public int? Line { get; set; }

    public string? LineType { get; set; }

    public string? FileType { get; set; }

    public string? DiffType { get; set; }

    public string? FromHash { get; set; }

    public string? ToHash { get; set; }

    public int? MultilineStartLine { get; set; }

    public string? MultilineStartLineType { get; set; }

    public bool Orphaned { get; set; }
}
