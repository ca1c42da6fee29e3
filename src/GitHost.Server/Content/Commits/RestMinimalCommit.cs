namespace GitHost.Server.Content.Commits;

/// <summary><c>{id, displayId}</c>: a parent, or any commit named without its details.</summary>
public sealed record RestMinimalCommit(string Id, string DisplayId);
