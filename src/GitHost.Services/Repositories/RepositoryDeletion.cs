using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Git.Storage;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;
using GitHost.Services.Pipelines;

namespace GitHost.Services.Repositories;

/// <summary>
/// Deletes a repository: the row first (its grants, tokens and pipelines cascade), then the directory
/// and its pipelines' logs and artifacts. A
/// repository the caller cannot see is reported as absent, as Bitbucket does (204).
/// </summary>
public sealed class RepositoryDeletion(
    GitHostDbContext db,
    PermissionService permissions,
    ProjectLookup projects,
    RepositoryLookup lookup,
    BareRepositoryStore store,
    OutboxWriter outbox, AuditWriter audit,
    PipelineDiskFiles pipelineFiles)
{
    /// <summary>True when a repository was deleted, false when there was none (for this caller).</summary>
    public async Task<bool> DeleteAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(projectKey, slug, cancellationToken);
        var level = found is null
            ? Permission.None
            : await permissions.RepositoryLevelAsync(principal, found.Repository, found.Project, cancellationToken);
        if (found is null || level < Permission.RepoRead)
        {
            if (!principal.IsAuthenticated)
            {
                // Anonymous callers learn nothing about private projects: they are asked to log in.
                await projects.FindVisibleAsync(principal, projectKey, cancellationToken);
            }

            return false;
        }

        if (level < Permission.RepoAdmin)
        {
            throw principal.IsAuthenticated ? GitHostException.NotPermitted() : GitHostException.AuthenticationRequired();
        }

        var repository = found.Repository;
        var repositoryId = repository.Id;
        var pipelines = await pipelineFiles.PipelinesOfAsync(repositoryId, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The origin foreign key does not cascade: forks become ordinary repositories first.
            await db.Repositories.Where(r => r.OriginId == repositoryId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.OriginId, (long?)null), cancellationToken);
            db.Repositories.Remove(repository);
            outbox.Add("repo:deleted", principal.UserId, new RepositoryEvent(repository, found.Project.Key));
            audit.Record(AuditAction.RepositoryDeleted, AuditSubject.Repository(repository, found.Project), before: new RepositoryEvent(repository, found.Project.Key));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        permissions.InvalidateGrants();
        await store.DeleteAsync(repositoryId);
        pipelineFiles.Delete(pipelines);
        return true;
    }
}
