using GitHost.Services.Content.Diff;

namespace GitHost.Server.Content.Diff;

/// <summary>
/// Bitbucket's RestChange. <c>percentUnchanged</c> is the similarity of a move or copy, -1 otherwise.
/// To be folded with the refs feature's commit changes at merge.
/// </summary>
public sealed record RestChange(
    string? ContentId, string? FromContentId, RestPath Path, RestPath? SrcPath, bool Executable, bool SrcExecutable,
    int PercentUnchanged, string Type, string NodeType, RestChangeProperties Properties)
{
    public static RestChange From(RawChange change) => new(
        change.ContentId,
        change.FromContentId,
        RestPath.From(change.Path),
        change.SourcePath is null ? null : RestPath.From(change.SourcePath),
        change.Executable,
        change.SourceExecutable,
        change.IsRenameOrCopy ? change.Score ?? -1 : -1,
        change.Type,
        change.NodeType,
        new RestChangeProperties(change.Type));
}

public sealed record RestChangeProperties(string GitChangeType);
