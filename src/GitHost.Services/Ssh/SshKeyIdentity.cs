using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data.SshKeys;

namespace GitHost.Services.Ssh;

/// <summary>
/// Who an SSH public key is: a user (<see cref="User"/>), or an access key with its grants. An
/// access key acts exactly as a project or repository access token would: <see cref="PrincipalFor"/>
/// gives a principal with no user and the <see cref="TokenLimits"/> of the grant covering the
/// repository, so <c>PermissionService</c> answers for it with the rules it already has for tokens.
/// </summary>
public sealed record SshKeyIdentity(long KeyId, string Fingerprint, Principal? User, IReadOnlyList<AccessKeyGrantEntity> Grants)
{
    public bool IsAccessKey => User is null;

    /// <summary>
    /// The principal to check access to one repository with: the user, or the access key limited to
    /// the best of its grants on that repository or its project; null when the key has none there.
    /// </summary>
    public Principal? PrincipalFor(long repositoryId, long projectId)
    {
        if (User is not null)
        {
            return User;
        }

        var onRepository = Grants.Where(g => g.RepositoryId == repositoryId).Select(g => g.Permission).DefaultIfEmpty(Permission.None).Max();
        var onProject = Grants.Where(g => g.ProjectId == projectId && g.RepositoryId is null).Select(g => g.Permission).DefaultIfEmpty(Permission.None).Max();
        var viaProject = RepositoryLevelOf(onProject);
        if (onRepository == Permission.None && viaProject == Permission.None)
        {
            return null;
        }

        var limits = viaProject >= onRepository
            ? new TokenLimits(KeyId, projectId, null, onProject, viaProject)
            : new TokenLimits(KeyId, null, repositoryId, Permission.None, onRepository);
        return new Principal(null, Name, limits);
    }

    /// <summary>The principal of a key with exactly one grant (a typical deploy key), which needs no repository to answer.</summary>
    public Principal? SingleGrantPrincipal()
    {
        if (User is not null)
        {
            return User;
        }

        if (Grants.Count != 1)
        {
            return null;
        }

        var grant = Grants[0];
        return grant.RepositoryId is { } repositoryId
            ? new Principal(null, Name, new TokenLimits(KeyId, null, repositoryId, Permission.None, grant.Permission))
            : new Principal(null, Name, new TokenLimits(KeyId, grant.ProjectId, null, grant.Permission, RepositoryLevelOf(grant.Permission)));
    }

    /// <summary>The name an access key acts under (in logs and events), like <c>token-{id}</c> for tokens.</summary>
    public string Name => "access-key-" + KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Permission RepositoryLevelOf(Permission projectLevel) => projectLevel switch
    {
        Permission.ProjectWrite => Permission.RepoWrite,
        Permission.ProjectRead => Permission.RepoRead,
        _ => Permission.None,
    };
}
