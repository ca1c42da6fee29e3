namespace GitHost.Server.Admin;

/// <summary>A group and its global permission, as <c>/admin/permissions/groups</c> lists them.</summary>
public sealed record RestPermittedGroup(RestGroupName Group, string Permission);

public sealed record RestGroupName(string Name);
