using GitHost.Core.Permissions;
using GitHost.Data.Users;

namespace GitHost.Services.Permissions;

/// <summary>A user and the permission granted to them directly. Member-init so EF can page over it.</summary>
public sealed class PermittedUser
{
    public required UserEntity User { get; init; }

    public required Permission Permission { get; init; }
}
