using GitHost.Services.Comments;

namespace GitHost.Server.Comments;

/// <summary>Bitbucket's RestComment as a client sends it: <c>{text, parent: {id}, anchor, severity, state, version, threadResolved}</c>.</summary>
internal sealed record CommentRequest(
    string? Text, CommentParentRequest? Parent, CommentAnchorRequest? Anchor, string? Severity, string? State, int? Version, bool? ThreadResolved)
{
    public CommentInput ToInput() => new(Text, Parent?.Id, Anchor?.ToInput(), Severity, State, Version, ThreadResolved);
}

internal sealed record CommentParentRequest(long? Id);

/// <summary>The anchor; a multi-line start comes flat (<c>multilineStartLine</c>) or as 8.x's <c>multilineMarker</c>.</summary>
internal sealed record CommentAnchorRequest(
    string? Path,
    string? SrcPath,
    int? Line,
    string? LineType,
    string? FileType,
    string? DiffType,
    string? FromHash,
    string? ToHash,
    int? MultilineStartLine,
    string? MultilineStartLineType,
    MultilineMarkerRequest? MultilineMarker)
{
    public AnchorInput ToInput() => new(
        Path, SrcPath, Line, LineType, FileType, DiffType, FromHash, ToHash,
        MultilineStartLine ?? MultilineMarker?.StartLine, MultilineStartLineType ?? MultilineMarker?.StartLineType);
}

internal sealed record MultilineMarkerRequest(int? StartLine, string? StartLineType);

/// <summary>
/// Bitbucket's RestApplySuggestionRequest <c>{commentVersion, pullRequestVersion, suggestionIndex, commitMessage?}</c>;
/// the three numbers are Optional&lt;Integer&gt; on Bitbucket's side and come as plain numbers.
/// </summary>
internal sealed record ApplySuggestionRequest(int? CommentVersion, int? PullRequestVersion, int? SuggestionIndex, string? CommitMessage)
{
    public ApplySuggestionCommand ToCommand() => new(CommentVersion, PullRequestVersion, SuggestionIndex, CommitMessage);
}
