namespace GitHost.Services.Audit;

/// <summary>Bitbucket's audit categories (the <c>type.category</c> of an event), in its own words.</summary>
public static class AuditCategory
{
    public const string Security = "Security";
    public const string UsersAndGroups = "Users and groups";
    public const string Permissions = "Permissions";
    public const string Projects = "Projects";
    public const string Repositories = "Repositories";
    public const string EndUserActivity = "End user activity";
    public const string GlobalConfig = "Global config and administration";
    public const string LocalConfig = "Local config and administration";
}
