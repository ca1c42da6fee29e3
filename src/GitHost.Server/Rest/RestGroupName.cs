namespace GitHost.Server.Rest;

/// <summary>A group as permission lists show it: <c>{"name"}</c>, plus <c>deletable</c> in the "none" lists (RestDetailedGroup).</summary>
public sealed record RestGroupName(string Name, bool? Deletable = null);
