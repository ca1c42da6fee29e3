namespace GitHost.Server.Content.Refs;

/// <summary>
/// Bitbucket's branch JSON. The wire name is <c>isDefault</c> (the OpenAPI says <c>default</c>;
/// real servers and clients use <c>isDefault</c>); <c>latestChangeset</c> repeats <c>latestCommit</c>
/// for old clients. <c>metadata</c> appears only with <c>details=true</c>.
/// </summary>
public sealed record RestBranch(
    string Id,
    string DisplayId,
    string Type,
    string LatestCommit,
    string LatestChangeset,
    bool IsDefault,
    IReadOnlyDictionary<string, object>? Metadata = null);
