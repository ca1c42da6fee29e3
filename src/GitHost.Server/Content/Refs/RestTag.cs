namespace GitHost.Server.Content.Refs;

/// <summary>Bitbucket's tag JSON: <c>latestCommit</c> is the peeled commit, <c>hash</c> the object the ref points at.</summary>
public sealed record RestTag(string Id, string DisplayId, string Type, string LatestCommit, string LatestChangeset, string Hash);
