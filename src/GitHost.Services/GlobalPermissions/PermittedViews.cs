using GitHost.Core.Permissions;
using GitHost.Data.Users;

namespace GitHost.Services.GlobalPermissions;

/// <summary>A user and the global permission granted to them directly.</summary>
public sealed record PermittedUser(UserEntity User, Permission Permission);

/// <summary>A group and the global permission granted to it.</summary>
public sealed record PermittedGroup(string Name, Permission Permission);
