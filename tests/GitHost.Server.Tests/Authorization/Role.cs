namespace GitHost.Server.Tests.Authorization;

/// <summary>The callers every endpoint is checked against.</summary>
public enum Role
{
    Anonymous,
    NoAccess,
    Read,
    Write,
    Admin,
    SysAdmin,
}
