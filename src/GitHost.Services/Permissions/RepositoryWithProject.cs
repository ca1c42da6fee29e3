using GitHost.Data.Projects;
using GitHost.Data.Repositories;

namespace GitHost.Services.Permissions;

/// <summary>A repository joined with its project. Member-init (not a constructor) so EF can filter on it.</summary>
public sealed class RepositoryWithProject
{
    public required RepositoryEntity Repository { get; init; }

    public required ProjectEntity Project { get; init; }
}
