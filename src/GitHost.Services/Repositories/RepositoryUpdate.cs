using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Repositories;
using GitHost.Git.Storage;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using GitHost.Services.Projects;
using GitHost.Services.Audit;

namespace GitHost.Services.Repositories;

/// <summary>
/// Changes a repository's settings, renames it (the slug follows the name) and moves it between
/// projects. The directory is named by id, so renames and moves only touch the row.
/// </summary>
public sealed class RepositoryUpdate(
    GitHostDbContext db,
    ProjectLookup projects,
    RepositoryLookup lookup,
    BareRepositoryStore store,
    OutboxWriter outbox, AuditWriter audit)
{
    public async Task<RepositoryEntity> UpdateAsync(
        Principal principal, string projectKey, string slug, UpdateRepository command, CancellationToken cancellationToken)
    {
        var found = await lookup.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var repository = found.Repository;
        var project = found.Project;
        var before = new RepositoryEvent(repository, project.Key);
        if (repository.Archived && command.Archived is not false && ChangesMoreThanArchiving(command))
        {
            throw new GitHostException(FailureKind.Conflict,
                $"Repository {project.Key}/{repository.Slug} is archived; unarchive it before changing it.");
        }

        if (command.ProjectKey is { } targetKey && !string.Equals(targetKey.Trim(), project.Key, StringComparison.OrdinalIgnoreCase))
        {
            project = await projects.FindWithLevelAsync(principal, targetKey.Trim(), Permission.ProjectAdmin, cancellationToken);
            repository.ProjectId = project.Id;
        }

        if (command.Name is not null)
        {
            var (name, newSlug) = RepositoryNames.Parse(command.Name);
            repository.Name = name;
            repository.Slug = newSlug.Value;
        }

        if (command.Description is not null)
        {
            repository.Description = ProjectService.ValidDescription(command.Description);
        }

        var oldDefaultBranch = repository.DefaultBranch;
        repository.DefaultBranch = RepositoryNames.ParseBranch(command.DefaultBranch, repository.DefaultBranch);
        repository.IsPublic = command.IsPublic ?? repository.IsPublic;
        repository.Forkable = command.Forkable ?? repository.Forkable;
        repository.Archived = command.Archived ?? repository.Archived;

        await RepositoryConflicts.EnsureFreeAsync(db, project.Id, project.Key, repository.Name, repository.Slug, repository.Id, cancellationToken);
        outbox.Add("repo:modified", principal.UserId, new { old = before, @new = new RepositoryEvent(repository, project.Key) });
        audit.Record(AuditAction.RepositoryModified, AuditSubject.Repository(repository, project), before, new RepositoryEvent(repository, project.Key));
        var target = project;

        // HEAD moves first: if git fails nothing is saved, so the row never names a default branch
        // HEAD does not point at. If the save fails instead, HEAD is put back.
        var headMoved = repository.DefaultBranch != oldDefaultBranch;
        if (headMoved)
        {
            await store.SetDefaultBranchAsync(repository.Id, repository.DefaultBranch, cancellationToken);
        }

        try
        {
            await db.SaveOrConflictAsync(
                ct => RepositoryConflicts.ClashesAsync(db, target.Id, repository.Name, repository.Slug, repository.Id, ct),
                () => RepositoryConflicts.Duplicate(target.Key, repository.Name), cancellationToken);
        }
        catch when (headMoved)
        {
            await store.SetDefaultBranchAsync(repository.Id, oldDefaultBranch, CancellationToken.None);
            throw;
        }

        return repository;
    }

    private static bool ChangesMoreThanArchiving(UpdateRepository command) =>
        command.Name is not null || command.Description is not null || command.DefaultBranch is not null
        || command.IsPublic is not null || command.Forkable is not null || command.ProjectKey is not null;
}
