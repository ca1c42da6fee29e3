namespace GitHost.Services.Comments;

/// <summary>What a client sends to create or change a comment (Bitbucket's RestComment, the parts a client sets).</summary>
public sealed record CommentInput(
    string? Text,
    long? ParentId,
    AnchorInput? Anchor,
    string? Severity,
    string? State,
    int? Version,
    bool? ThreadResolved);

/// <summary>Bitbucket's RestCommentAnchor as sent; enum-like values by their Bitbucket names.</summary>
public sealed record AnchorInput(
    string? Path,
    string? SrcPath,
    int? Line,
    string? LineType,
    string? FileType,
    string? DiffType,
    string? FromHash,
    string? ToHash,
    int? MultilineStartLine,
    string? MultilineStartLineType);
