using GitHost.Data.Repositories;

namespace GitHost.Services.Repositories;

/// <summary>The outbox payload of repository events: ids first, so a dispatcher can reload the rest.</summary>
/// <remarks>
/// The descriptive fields are kept as they were when the event happened: a webhook shaped later,
/// after further changes, must still show this change's old and new values.
/// </remarks>
internal sealed record RepositoryEvent(
    long RepositoryId, long ProjectId, string ProjectKey, string Slug, long? OriginId, string HierarchyId,
    string Name, string? Description, bool IsPublic, bool Forkable, bool Archived)
{
    public RepositoryEvent(RepositoryEntity repository, string projectKey)
        : this(repository.Id, repository.ProjectId, projectKey, repository.Slug, repository.OriginId, repository.HierarchyId,
            repository.Name, repository.Description, repository.IsPublic, repository.Forkable, repository.Archived)
    {
    }
}
