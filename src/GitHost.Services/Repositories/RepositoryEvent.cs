using GitHost.Data.Repositories;

namespace GitHost.Services.Repositories;

/// <summary>The outbox payload of repository events: ids first, so a dispatcher can reload the rest.</summary>
internal sealed record RepositoryEvent(long RepositoryId, long ProjectId, string ProjectKey, string Slug, long? OriginId, string HierarchyId)
{
    public RepositoryEvent(RepositoryEntity repository, string projectKey)
        : this(repository.Id, repository.ProjectId, projectKey, repository.Slug, repository.OriginId, repository.HierarchyId)
    {
    }
}
