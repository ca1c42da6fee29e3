namespace GitHost.Core.Permissions;

public enum PermissionScope
{
    Repository,
    Project,
    Global,
}
