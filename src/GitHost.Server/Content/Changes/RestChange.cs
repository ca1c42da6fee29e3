using GitHost.Server.Rest;
using GitHost.Services.Content.Changes;

namespace GitHost.Server.Content.Changes;

/// <summary>
/// Bitbucket's <c>RestChange</c>: <c>srcPath</c> only for moves and copies, <c>percentUnchanged</c> the
/// similarity of a move or copy (-1 otherwise), the all-zero id for the side that does not exist, and
/// a <c>self</c> link to the file in the commit the change belongs to.
/// </summary>
public sealed record RestChange(
    string ContentId,
    string FromContentId,
    RestPath Path,
    RestPath? SrcPath,
    bool Executable,
    bool SrcExecutable,
    int PercentUnchanged,
    string Type,
    string NodeType,
    RestChangeProperties Properties,
    RestLinks Links)
{
    public static RestChange From(FileChange change, RestLinks links) => new(
        change.ContentId,
        change.FromContentId,
        RestPath.From(change.Path),
        change.SrcPath is null ? null : RestPath.From(change.SrcPath),
        change.Executable,
        change.SrcExecutable,
        change.PercentUnchanged,
        change.Type,
        change.NodeType,
        new RestChangeProperties(change.Type),
        links);
}

public sealed record RestChangeProperties(string GitChangeType);
