namespace GitHost.Server.Rest;

/// <summary>A user and the permission granted to them on a project or repository.</summary>
public sealed record RestPermittedUser(RestUser User, string Permission);
