using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using GitHost.Data.Users;

namespace GitHost.Services.Repositories;

/// <summary>
/// Everything the wire form of a repository needs: the repository, its project (with the owner of a
/// personal project) and, for a fork, its origin. See <see cref="RepositoryQueries.ToDetailsPageAsync"/>.
/// </summary>
public sealed class RepositoryDetails
{
    public required RepositoryEntity Repository { get; init; }

    public required ProjectEntity Project { get; init; }

    public UserEntity? ProjectOwner { get; init; }

    public RepositoryEntity? Origin { get; init; }

    public ProjectEntity? OriginProject { get; init; }

    public UserEntity? OriginProjectOwner { get; init; }
}
