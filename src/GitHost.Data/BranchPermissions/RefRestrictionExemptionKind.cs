namespace GitHost.Data.BranchPermissions;

public enum RefRestrictionExemptionKind
{
    User = 0,
    Group = 1,
    AccessKey = 2,
}
