using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Outbox;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using GitHost.Git.Storage;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using GitHost.Services.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using GitHost.Services.Audit;

namespace GitHost.Services.Repositories;

/// <summary>
/// Creates repositories and forks. The row is inserted first (the id names the directory), then the
/// bare repository is made at <c>shared/repos/{id}</c>; if that fails the row and its event are
/// removed again, so a failure of either leaves nothing behind.
/// </summary>
public sealed partial class RepositoryCreation(
    GitHostDbContext db,
    ProjectLookup projects,
    RepositoryLookup lookup,
    BareRepositoryStore store,
    OutboxWriter outbox,
    AuditWriter audit,
    EpochClock clock,
    ILogger<RepositoryCreation> logger)
{
    // Unconfirmed name: Bitbucket refuses forks of a repository whose forking is disabled with a 409.
    private const string ForkingDisabledException = "com.atlassian.bitbucket.repository.ForkingDisabledException";

    public async Task<RepositoryEntity> CreateAsync(Principal principal, string projectKey, CreateRepository command, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        var (name, slug) = RepositoryNames.Parse(command.Name);
        RepositoryNames.EnsureGitScm(command.ScmId);
        var defaultBranch = RepositoryNames.ParseBranch(command.DefaultBranch, RepositoryNames.DefaultBranch);
        var description = ProjectService.ValidDescription(command.Description);
        await RepositoryConflicts.EnsureFreeAsync(db, project.Id, project.Key, name, slug.Value, null, cancellationToken);

        var repository = new RepositoryEntity
        {
            ProjectId = project.Id,
            Slug = slug.Value,
            Name = name,
            Description = description,
            DefaultBranch = defaultBranch,
            Forkable = command.Forkable ?? true,
            IsPublic = command.IsPublic ?? false,
            State = RepositoryState.Available,
            HierarchyId = HierarchyIds.New(),
            CreatedDate = clock.NowMs(),
        };
        await ProvisionAsync(principal, project, repository, "repo:created",
            ct => store.CreateAsync(repository.Id, defaultBranch, ct), cancellationToken);
        return repository;
    }

    public async Task<RepositoryEntity> ForkAsync(
        Principal principal, string projectKey, string slug, ForkRepository command, CancellationToken cancellationToken)
    {
        var origin = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        if (command.ScmId is not null)
        {
            throw GitHostException.Invalid("A fork always has its origin's SCM; do not give scmId.", "scmId");
        }

        if (!origin.Repository.Forkable)
        {
            throw new GitHostException(FailureKind.Conflict,
                $"Forking is disabled for repository {origin.Project.Key}/{origin.Repository.Slug}; a repository administrator can enable it.",
                exceptionName: ForkingDisabledException);
        }

        var targetKey = command.ProjectKey ?? await PersonalProjectKeyAsync(principal, cancellationToken);
        var target = await projects.FindWithLevelAsync(principal, targetKey, Permission.ProjectAdmin, cancellationToken);
        var (name, forkSlug) = RepositoryNames.Parse(command.Name ?? origin.Repository.Name);
        var defaultBranch = RepositoryNames.ParseBranch(command.DefaultBranch, origin.Repository.DefaultBranch);
        if (await RepositoryConflicts.ClashesAsync(db, target.Id, name, forkSlug.Value, null, cancellationToken))
        {
            // Bitbucket reports a fork's name collision as a validation error (400), unlike create (409).
            throw GitHostException.Invalid(
                $"This repository name is already taken by another repository in project {target.Key}. Please choose another name.", "name");
        }

        var originId = origin.Repository.Id;
        var fork = new RepositoryEntity
        {
            ProjectId = target.Id,
            Slug = forkSlug.Value,
            Name = name,
            Description = origin.Repository.Description,
            DefaultBranch = defaultBranch,
            Forkable = true,
            IsPublic = false,
            State = RepositoryState.Available,
            HierarchyId = origin.Repository.HierarchyId,
            OriginId = originId,
            CreatedDate = clock.NowMs(),
        };
        await ProvisionAsync(principal, target, fork, "repo:forked", async ct =>
        {
            await store.ForkAsync(originId, fork.Id, ct);
            await store.SetDefaultBranchAsync(fork.Id, defaultBranch, ct);
        }, cancellationToken);
        return fork;
    }

    private async Task ProvisionAsync(
        Principal principal, ProjectEntity project, RepositoryEntity repository, string eventKey,
        Func<CancellationToken, Task> initialize, CancellationToken cancellationToken)
    {
        // The database assigns the id the event names, so the row and its event are two statements
        // of one transaction: they commit together or not at all.
        OutboxMessageEntity message;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Repositories.Add(repository);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Lost a race on the (project, slug) index. PostgreSQL refuses further statements in
                // the failed transaction, so roll back before asking what clashed.
                await transaction.RollbackAsync(CancellationToken.None);
                db.Entry(repository).State = EntityState.Detached;
                if (await RepositoryConflicts.ClashesAsync(db, project.Id, repository.Name, repository.Slug, null, cancellationToken))
                {
                    throw RepositoryConflicts.Duplicate(project.Key, repository.Name);
                }

                throw;
            }

            message = AddEvent(principal, project, repository, eventKey);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        try
        {
            await initialize(cancellationToken);
        }
        catch (Exception failure)
        {
            Log.InitialisationFailed(logger, failure, repository.Id);

            // Undo even when the request was cancelled: the row must not outlive its directory.
            await store.DeleteAsync(repository.Id);
            db.OutboxMessages.Remove(message);
            db.Repositories.Remove(repository);
            audit.Record(AuditAction.RepositoryDeleted, AuditSubject.Repository(repository, project), before: new { reason = "the repository could not be initialised" });
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    private OutboxMessageEntity AddEvent(Principal principal, ProjectEntity project, RepositoryEntity repository, string eventKey)
    {
        outbox.Add(eventKey, principal.UserId, new RepositoryEvent(repository, project.Key));
        audit.Record(eventKey == "repo:forked" ? AuditAction.RepositoryForked : AuditAction.RepositoryCreated, AuditSubject.Repository(repository, project), after: new RepositoryEvent(repository, project.Key));
        return db.ChangeTracker.Entries<OutboxMessageEntity>().Last(e => e.State == EntityState.Added).Entity;
    }

    private async Task<string> PersonalProjectKeyAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId is not { } userId)
        {
            throw principal.IsAuthenticated
                ? GitHostException.Invalid("A project or repository token has no personal project; give the target project.", "project")
                : GitHostException.AuthenticationRequired();
        }

        var userSlug = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Slug).FirstAsync(cancellationToken);
        return ProjectKey.Personal(userSlug).Value;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
            Message = "Initialising repository {RepositoryId} on disk failed; its row was removed again")]
        public static partial void InitialisationFailed(ILogger logger, Exception exception, long repositoryId);
    }
}
