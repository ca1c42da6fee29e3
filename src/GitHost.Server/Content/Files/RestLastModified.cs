using GitHost.Server.Content.Commits;

namespace GitHost.Server.Content.Files;

/// <summary><c>last-modified</c>: the newest commit touching each child, and the commit asked for.</summary>
public sealed record RestLastModified(IReadOnlyDictionary<string, RestCommit> Files, RestCommit LatestCommit);
