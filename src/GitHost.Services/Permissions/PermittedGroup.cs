using GitHost.Core.Permissions;
using GitHost.Data.Groups;

namespace GitHost.Services.Permissions;

/// <summary>A group and the permission granted to it. Member-init so EF can page over it.</summary>
public sealed class PermittedGroup
{
    public required GroupEntity Group { get; init; }

    public required Permission Permission { get; init; }
}
