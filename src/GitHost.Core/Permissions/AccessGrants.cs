namespace GitHost.Core.Permissions;

/// <summary>
/// What one principal was granted, gathered from its own grants and those of its groups. Pure data:
/// <see cref="EffectiveAccess"/> turns it into answers.
/// </summary>
public sealed record AccessGrants(
    Permission Global,
    IReadOnlyDictionary<long, Permission> Projects,
    IReadOnlyDictionary<long, Permission> Repositories)
{
    public static readonly AccessGrants Nobody = new(
        Permission.None, new Dictionary<long, Permission>(), new Dictionary<long, Permission>());
}
