namespace GitHost.Services.Content.Refs;

/// <summary>A branch as the REST API shows it: <c>refs/heads/x</c>, its short name, its tip and whether it is the default.</summary>
public sealed record BranchView(string Id, string DisplayId, string LatestCommit, bool IsDefault);
