using GitHost.Server.Rest;

namespace GitHost.Server.Content.Commits;

/// <summary>Bitbucket's <c>RestChange</c>; <c>srcPath</c> only for moves and copies.</summary>
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
    IReadOnlyDictionary<string, string> Properties,
    RestLinks Links);
