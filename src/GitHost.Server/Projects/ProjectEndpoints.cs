using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Projects;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Projects;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Projects;

/// <summary><c>/rest/api/1.0/projects</c>.</summary>
internal static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects", ListAsync);
        api.MapPost("/projects", CreateAsync);
        api.MapGet("/projects/{projectKey}", GetAsync);
        api.MapPut("/projects/{projectKey}", UpdateAsync);
        api.MapDelete("/projects/{projectKey}", DeleteAsync);
        return api;
    }

    private static async Task<RestPage<RestProject>> ListAsync(
        HttpContext http, ProjectService projects, RestMapper mapper, string? name, string? permission, int? start, int? limit)
    {
        Permission? minimum = permission is null ? null : PermissionNames.ParseIn(permission, PermissionScope.Project);
        var page = await projects.ListAsync(http.GetPrincipal(), name, minimum, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestProject>.From(page, p => mapper.Project(p));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ProjectService projects, RestMapper mapper, ProjectRequest body)
    {
        var project = await projects.CreateAsync(
            http.GetPrincipal(), new CreateProject(body.Key, body.Name, body.Description, body.Public, body.Workspace?.Key), http.RequestAborted);
        return TypedResults.Created($"/rest/api/1.0/projects/{project.Key}", mapper.Project(project));
    }

    private static async Task<RestProject> GetAsync(HttpContext http, ProjectService projects, RestMapper mapper, GitHostDbContext db, string projectKey)
    {
        var project = await projects.GetAsync(http.GetPrincipal(), projectKey, http.RequestAborted);
        return await ToRestAsync(project, mapper, db, http.RequestAborted);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, ProjectService projects, RestMapper mapper, GitHostDbContext db, string projectKey, ProjectRequest body)
    {
        var (project, keyChanged) = await projects.UpdateAsync(
            http.GetPrincipal(), projectKey, new UpdateProject(body.Key, body.Name, body.Description, body.Public), http.RequestAborted);
        var rest = await ToRestAsync(project, mapper, db, http.RequestAborted);
        return keyChanged ? TypedResults.Created($"/rest/api/1.0/projects/{project.Key}", rest) : TypedResults.Ok(rest);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, ProjectService projects, string projectKey)
    {
        await projects.DeleteAsync(http.GetPrincipal(), projectKey, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Maps a project, with its owner for personal projects.</summary>
    internal static async Task<RestProject> ToRestAsync(ProjectEntity project, RestMapper mapper, GitHostDbContext db, CancellationToken cancellationToken)
    {
        var owner = project.OwnerId is { } ownerId
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == ownerId, cancellationToken)
            : null;
        return mapper.Project(project, owner);
    }
}
