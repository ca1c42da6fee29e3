namespace GitHost.Data.BranchPermissions;

/// <summary>
/// A principal a restriction does not apply to: a user or an SSH access key by id
/// (<see cref="PrincipalId"/>), or a group by name. No foreign key to users, keys or groups: a
/// removed principal's exemption simply matches nobody and is left out when listed.
/// </summary>
public sealed class RefRestrictionExemptionEntity
{
    public long Id { get; set; }

    public long RestrictionId { get; set; }

    public RefRestrictionExemptionKind Kind { get; set; }

    public long? PrincipalId { get; set; }

    public string? GroupName { get; set; }
}
