using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Audit;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Audit;

/// <summary>
/// <c>GET /rest/auditing/1.0/events</c>, Atlassian's auditing REST: the whole log for system
/// administrators; one project's (or repository's) records for its administrators when the query
/// names it. Read only: the log has no PUT, POST or DELETE, here or anywhere.
/// </summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder auditing)
    {
        auditing.MapGet("/events", ListAsync)
            .WithSummary("Audit events, newest first")
            .WithDescription("Atlassian's auditing REST; project and repository filters and the actor name are GitHost's additions.");
        return auditing;
    }

    private static async Task<RestAuditPage> ListAsync(
        HttpContext http, PermissionService permissions, ProjectLookup projects, RepositoryLookup repositories,
        GitHostDbContext db, AuditLog log, LinkBuilder links)
    {
        var principal = http.GetPrincipal();
        var ct = http.RequestAborted;
        var query = AuditQueryParser.Parse(http.Request.Query);
        var filter = await ScopeAsync(principal, query, permissions, projects, repositories, db, ct);
        var (records, more) = await log.ListAsync(filter, query.Offset, query.Limit, ct);
        var system = links.BaseUrl;
        var cursor = more && records.Count > 0 ? $"{records[^1].Timestamp},{records[^1].Id}" : null;
        return new RestAuditPage(
            records.Select(r => AuditEventMapper.ToRest(r, system)).ToList(),
            query.Offset, query.Limit, records.Count, !more,
            new RestAuditPagingInfo(cursor, cursor is null ? null : NextLink(http, system, cursor)));
    }

    /// <summary>Who may see what: system admins everything; a project or repository admin only the place they administer.</summary>
    private static async Task<AuditFilter> ScopeAsync(
        Principal principal, AuditQuery query, PermissionService permissions, ProjectLookup projects, RepositoryLookup repositories,
        GitHostDbContext db, CancellationToken ct)
    {
        if (query.RepositorySlug is not null && query.ProjectKey is null)
        {
            throw GitHostException.Invalid("Name the repository's project too: project=KEY&repository=slug.", "repository");
        }

        var filter = query.Filter;
        RepositoryWithProject? repository = null;
        if (query.RepositorySlug is { } slug)
        {
            repository = await repositories.FindVisibleAsync(principal, query.ProjectKey!, slug, ct);
        }
        else if (query.RepositoryId is { } repositoryId)
        {
            repository = await (from r in db.Repositories.AsNoTracking()
                                join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                                where r.Id == repositoryId
                                select new RepositoryWithProject { Repository = r, Project = p }).FirstOrDefaultAsync(ct);
            if (repository is null || await permissions.RepositoryLevelAsync(principal, repository.Repository, repository.Project, ct) < Permission.RepoRead)
            {
                throw NoSuch("repository", repositoryId);
            }
        }

        var project = repository?.Project;
        if (repository is null && query.ProjectKey is { } key)
        {
            project = await projects.FindVisibleAsync(principal, key, ct);
        }
        else if (repository is null && query.ProjectId is { } projectId)
        {
            project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct);
            if (project is null || !await permissions.CanViewProjectAsync(principal, project, ct))
            {
                throw NoSuch("project", projectId);
            }
        }

        if (repository is not null)
        {
            filter = filter with { RepositoryId = repository.Repository.Id };
        }
        else if (project is not null)
        {
            filter = filter with { ProjectId = project.Id };
        }

        var allowed = await permissions.GlobalLevelAsync(principal, ct) >= Permission.SysAdmin
            || repository is not null && await permissions.RepositoryLevelAsync(principal, repository.Repository, repository.Project, ct) >= Permission.RepoAdmin
            || repository is null && project is not null && await permissions.ProjectLevelAsync(principal, project, ct) >= Permission.ProjectAdmin;
        if (!allowed)
        {
            throw principal.IsAuthenticated ? GitHostException.NotPermitted() : GitHostException.AuthenticationRequired();
        }

        return filter;
    }

    private static GitHostException NoSuch(string what, long id) =>
        new(FailureKind.NotFound, $"There is no {what} with id {id} you can see.", "affectedObject", BitbucketExceptionNames.NoSuchEntity);

    private static string NextLink(HttpContext http, string baseUrl, string cursor)
    {
        var parameters = http.Request.Query
            .Where(q => q.Key is not ("pageCursor" or "offset"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("pageCursor", cursor));
        return baseUrl + http.Request.Path + QueryString.Create(parameters);
    }
}
