namespace GitHost.Services.Content.Refs;

/// <summary>
/// A tag: <see cref="LatestCommit"/> is the commit it finally points at, <see cref="Hash"/> the object
/// the ref itself points at (the tag object of an annotated tag, the commit of a lightweight one).
/// </summary>
public sealed record TagView(string Id, string DisplayId, string LatestCommit, string Hash);
