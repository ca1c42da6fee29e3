using GitHost.Core.Security;

namespace GitHost.Services.Content.Refs;

/// <summary>
/// The wire forms a <c>repo:refs_changed</c> event carries: the actor as Bitbucket's user JSON and the
/// repository as its RestRepository JSON. The REST layer owns those shapes, so it implements this
/// seam; services only place the objects in the payload.
/// </summary>
public interface IRefEventSubjects
{
    Task<object?> ActorAsync(Principal principal, CancellationToken cancellationToken);

    Task<object> RepositoryAsync(long repositoryId, CancellationToken cancellationToken);

    /// <summary>The event's <c>commits</c> (RestCommit JSON list) and <c>toCommit</c>; both null when the change deletes.</summary>
    Task<(object? Commits, object? ToCommit)> CommitsAsync(long repositoryId, RefChange change, CancellationToken cancellationToken);
}
