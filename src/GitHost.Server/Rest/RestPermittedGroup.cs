namespace GitHost.Server.Rest;

/// <summary>A group and the permission granted to it on a project or repository.</summary>
public sealed record RestPermittedGroup(RestGroupName Group, string Permission);
