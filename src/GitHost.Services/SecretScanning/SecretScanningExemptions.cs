using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.SecretScanning;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Repositories exempt from secret scanning. Global administrators exempt any repository, project
/// administrators those of their project; an exemption is lifted by someone who could have made it
/// (a global one needs ADMIN).
/// </summary>
public sealed partial class SecretScanningExemptions(
    GitHostDbContext db, PermissionService permissions, ProjectLookup projects, RepositoryLookup repositories, EpochClock clock,
    AuditWriter audit, ILogger<SecretScanningExemptions> logger)
{
    public const int MaxBulk = 1_000;

    public async Task<Page<RepositoryDetails>> ListAsync(Principal principal, string? projectKey, bool descending, PageRequest page, CancellationToken cancellationToken)
    {
        long? projectId = null;
        if (projectKey is null)
        {
            await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        }
        else
        {
            projectId = (await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken)).Id;
        }

        var rows = from e in db.SecretScanningExemptions.AsNoTracking()
                   join r in db.Repositories.AsNoTracking() on e.RepositoryId equals r.Id
                   join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                   where projectId == null || p.Id == projectId
                   select new RepositoryWithProject { Repository = r, Project = p };
        var ordered = descending
            ? rows.OrderByDescending(x => x.Project.Name).ThenByDescending(x => x.Repository.Name)
            : rows.OrderBy(x => x.Project.Name).ThenBy(x => x.Repository.Name);
        return await ordered.ToDetailsPageAsync(db, page, cancellationToken);
    }

    /// <summary>
    /// Exempts every selected repository, or none: a selector naming no repository (or, at project
    /// scope, one of another project) is a 400; at global scope one already exempt is a 409.
    /// </summary>
    public async Task BulkAddAsync(Principal principal, string? projectKey, IReadOnlyList<RepositorySelector>? selectors, CancellationToken cancellationToken)
    {
        var scope = SecretScanningScope.Global;
        long? projectId = null;
        if (projectKey is null)
        {
            await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        }
        else
        {
            projectId = (await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken)).Id;
            scope = SecretScanningScope.Project;
        }

        if (selectors is null || selectors.Count == 0)
        {
            throw GitHostException.Invalid("Name at least one repository ({projectKey, slug}).", "repositories");
        }

        if (selectors.Count > MaxBulk)
        {
            throw GitHostException.Invalid($"At most {MaxBulk} repositories may be exempted at once.", "repositories");
        }

        var named = new Dictionary<long, RepositoryWithProject>();
        foreach (var selector in selectors)
        {
            var found = selector is { ProjectKey: { Length: > 0 } key, Slug: { Length: > 0 } slug }
                ? await repositories.FindAsync(key, slug, cancellationToken)
                : null;
            if (found is null || (projectId is not null && found.Project.Id != projectId))
            {
                throw GitHostException.Invalid(
                    $"No repository {selector?.ProjectKey}/{selector?.Slug} exists{(projectId is null ? "" : " in project " + projectKey)}.", "repositories");
            }

            named[found.Repository.Id] = found;
        }

        var ids = named.Keys.ToList();

        var existing = await db.SecretScanningExemptions.Where(e => ids.Contains(e.RepositoryId)).Select(e => e.RepositoryId).ToListAsync(cancellationToken);
        if (existing.Count > 0 && projectId is null)
        {
            throw AlreadyExempt();
        }

        await AddAsync(principal, ids.Except(existing).Select(id => named[id]).ToList(), scope, cancellationToken);
    }

    public async Task<bool> IsExemptAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var id = repository.Repository.Id;
        return await db.SecretScanningExemptions.AnyAsync(e => e.RepositoryId == id, cancellationToken);
    }

    /// <summary>Bitbucket's deprecated per-repository PUT: a project-scope exemption, 409 when already exempt.</summary>
    public async Task AddOneAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var repository = await ProjectAdministeredAsync(principal, projectKey, slug, cancellationToken);
        var id = repository.Repository.Id;
        if (await db.SecretScanningExemptions.AnyAsync(e => e.RepositoryId == id, cancellationToken))
        {
            throw AlreadyExempt();
        }

        await AddAsync(principal, [repository], SecretScanningScope.Project, cancellationToken);
    }

    public async Task RemoveAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var repository = await ProjectAdministeredAsync(principal, projectKey, slug, cancellationToken);
        var id = repository.Repository.Id;
        if (await db.SecretScanningExemptions.FirstOrDefaultAsync(e => e.RepositoryId == id, cancellationToken) is not { } exemption)
        {
            return;
        }

        if (exemption.ScopeType == SecretScanningScope.Global)
        {
            await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        }

        db.SecretScanningExemptions.Remove(exemption);
        audit.Record(AuditAction.SecretScanningExemptionRemoved, AuditSubject.Repository(repository.Repository, repository.Project),
            before: new { scope = exemption.ScopeType.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        Log.ExemptionLifted(logger, id, principal.UserId);
    }

    private async Task<RepositoryWithProject> ProjectAdministeredAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        if (await permissions.ProjectLevelAsync(principal, repository.Project, cancellationToken) < Permission.ProjectAdmin)
        {
            throw GitHostException.NotPermitted();
        }

        return repository;
    }

    private async Task AddAsync(Principal principal, IReadOnlyList<RepositoryWithProject> repositoriesToExempt, SecretScanningScope scope, CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        var added = repositoriesToExempt.Select(r => r.Repository.Id).ToList();
        db.SecretScanningExemptions.AddRange(added.Select(id => new SecretScanningExemptionEntity { RepositoryId = id, ScopeType = scope, CreatedDate = now }));
        foreach (var repository in repositoriesToExempt)
        {
            audit.Record(AuditAction.SecretScanningExemptionAdded, AuditSubject.Repository(repository.Repository, repository.Project), after: new { scope = scope.ToString() });
        }

        await db.SaveOrConflictAsync(
            ct => db.SecretScanningExemptions.AnyAsync(e => added.Contains(e.RepositoryId), ct), AlreadyExempt, cancellationToken);
        foreach (var id in added)
        {
            Log.Exempted(logger, id, scope.ToString(), principal.UserId);
        }
    }

    private static GitHostException AlreadyExempt() =>
        new(FailureKind.Conflict, "At least one of the repositories is already exempt from secret scanning.", "repositories",
            BitbucketExceptionNames.DuplicateEntity);

    private static partial class Log
    {
        [LoggerMessage(EventId = 6210, Level = LogLevel.Information, Message = "Repository {RepositoryId} exempted from secret scanning at {Scope} scope by {UserId}")]
        public static partial void Exempted(ILogger logger, long repositoryId, string scope, long? userId);

        [LoggerMessage(EventId = 6211, Level = LogLevel.Information, Message = "Secret scanning exemption of repository {RepositoryId} lifted by {UserId}")]
        public static partial void ExemptionLifted(ILogger logger, long repositoryId, long? userId);
    }
}
