using GitHost.Data.AccessTokens;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using GitHost.Data.Users;

namespace GitHost.Services.AccessTokens;

public enum AccessTokenKind
{
    Personal,
    Project,
    Repository,
}

/// <summary>
/// What a set of tokens belongs to: a user (personal tokens), a project, or a repository. Built by
/// <see cref="AccessTokenOwners"/> only after the caller was found allowed to manage them.
/// </summary>
public sealed record AccessTokenOwner(AccessTokenKind Kind, UserEntity? User, ProjectEntity? Project, RepositoryEntity? Repository)
{
    public static AccessTokenOwner Personal(UserEntity user) => new(AccessTokenKind.Personal, user, null, null);

    public static AccessTokenOwner ForProject(ProjectEntity project) => new(AccessTokenKind.Project, null, project, null);

    public static AccessTokenOwner ForRepository(RepositoryEntity repository, ProjectEntity project) =>
        new(AccessTokenKind.Repository, null, project, repository);

    /// <summary>The tokens this owner holds.</summary>
    public IQueryable<AccessTokenEntity> Filter(IQueryable<AccessTokenEntity> tokens) => Kind switch
    {
        AccessTokenKind.Personal => tokens.Where(t => t.UserId == User!.Id),
        AccessTokenKind.Project => tokens.Where(t => t.ProjectId == Project!.Id && t.RepositoryId == null && t.UserId == null),
        _ => tokens.Where(t => t.RepositoryId == Repository!.Id && t.UserId == null),
    };

    /// <summary>Fills the owner columns of a new token: exactly one of user, project or repository.</summary>
    public void AssignTo(AccessTokenEntity token)
    {
        token.UserId = Kind == AccessTokenKind.Personal ? User!.Id : null;
        token.ProjectId = Kind == AccessTokenKind.Project ? Project!.Id : null;
        token.RepositoryId = Kind == AccessTokenKind.Repository ? Repository!.Id : null;
    }

    /// <summary>A description for events and logs; never contains a secret.</summary>
    public object Describe() => Kind switch
    {
        AccessTokenKind.Personal => new { kind = "USER", user = new { name = User!.UserName } },
        AccessTokenKind.Project => new { kind = "PROJECT", project = new { Project!.Key } },
        _ => new { kind = "REPOSITORY", repository = new { Repository!.Id, Repository.Slug, project = new { Project!.Key } } },
    };
}
