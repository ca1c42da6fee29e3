namespace GitHost.Server.ProjectPermissions;

/// <summary>Whether a permission is granted to all licensed users: <c>{"permitted": true}</c>.</summary>
public sealed record RestPermitted(bool Permitted);
