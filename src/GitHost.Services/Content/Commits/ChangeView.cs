namespace GitHost.Services.Content.Commits;

/// <summary>
/// One changed path between two trees. <see cref="Type"/> is Bitbucket's ADD, MODIFY, DELETE, MOVE,
/// COPY or UNKNOWN; <see cref="GitChangeType"/> the same for git's letter (type changes are MODIFY).
/// <see cref="PercentUnchanged"/> is git's similarity score for moves and copies, -1 otherwise.
/// </summary>
public sealed record ChangeView(
    string Path,
    string? SrcPath,
    string Type,
    string NodeType,
    string ContentId,
    string FromContentId,
    bool Executable,
    bool SrcExecutable,
    int PercentUnchanged);
