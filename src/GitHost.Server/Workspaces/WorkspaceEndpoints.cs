using GitHost.Core.Paging;
using GitHost.Data.Workspaces;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Workspaces;

namespace GitHost.Server.Workspaces;

/// <summary><c>/rest/api/1.0/workspaces</c>: a GitHost extension; Bitbucket Data Center has no workspaces.</summary>
internal static class WorkspaceEndpoints
{
    public static RouteGroupBuilder MapWorkspaceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/workspaces", ListAsync);
        api.MapPost("/workspaces", CreateAsync);
        api.MapGet("/workspaces/{workspaceKey}", GetAsync);
        api.MapPut("/workspaces/{workspaceKey}", UpdateAsync);
        api.MapDelete("/workspaces/{workspaceKey}", DeleteAsync);
        api.MapGet("/workspaces/{workspaceKey}/members", MembersAsync);
        api.MapPut("/workspaces/{workspaceKey}/members", SetMemberAsync);
        api.MapDelete("/workspaces/{workspaceKey}/members", RemoveMemberAsync);
        return api;
    }

    private static async Task<RestPage<RestWorkspace>> ListAsync(
        HttpContext http, WorkspaceService workspaces, LinkBuilder links, string? name, int? start, int? limit)
    {
        var page = await workspaces.ListAsync(http.GetPrincipal(), name, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestWorkspace>.From(page, w => ToRest(w, links));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, WorkspaceService workspaces, LinkBuilder links, WorkspaceRequest body)
    {
        var workspace = await workspaces.CreateAsync(http.GetPrincipal(), new CreateWorkspace(body.Key, body.Name, body.Description), http.RequestAborted);
        return TypedResults.Created($"/rest/api/1.0/workspaces/{workspace.Key}", ToRest(workspace, links));
    }

    private static async Task<RestWorkspace> GetAsync(HttpContext http, WorkspaceService workspaces, LinkBuilder links, string workspaceKey) =>
        ToRest(await workspaces.GetAsync(http.GetPrincipal(), workspaceKey, http.RequestAborted), links);

    private static async Task<RestWorkspace> UpdateAsync(
        HttpContext http, WorkspaceService workspaces, LinkBuilder links, string workspaceKey, WorkspaceRequest body) =>
        ToRest(await workspaces.UpdateAsync(http.GetPrincipal(), workspaceKey, new UpdateWorkspace(body.Name, body.Description), http.RequestAborted), links);

    private static async Task<IResult> DeleteAsync(HttpContext http, WorkspaceService workspaces, string workspaceKey)
    {
        await workspaces.DeleteAsync(http.GetPrincipal(), workspaceKey, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestPage<RestWorkspaceMember>> MembersAsync(
        HttpContext http, WorkspaceService workspaces, RestMapper mapper, string workspaceKey, int? start, int? limit)
    {
        var page = await workspaces.MembersAsync(http.GetPrincipal(), workspaceKey, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestWorkspaceMember>.From(page, m => new RestWorkspaceMember(mapper.User(m.User), m.IsAdmin));
    }

    /// <summary><c>PUT .../members?name=jdoe&amp;admin=true</c>, the query style of Bitbucket's permission grants.</summary>
    private static async Task<IResult> SetMemberAsync(HttpContext http, WorkspaceService workspaces, string workspaceKey, string? name)
    {
        var admin = QueryValues.Flag(http.Request, "admin");
        await workspaces.SetMemberAsync(http.GetPrincipal(), workspaceKey, name, admin, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveMemberAsync(HttpContext http, WorkspaceService workspaces, string workspaceKey, string? name)
    {
        await workspaces.RemoveMemberAsync(http.GetPrincipal(), workspaceKey, name, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static RestWorkspace ToRest(WorkspaceEntity workspace, LinkBuilder links) =>
        new(workspace.Key, workspace.Id, workspace.Name, workspace.Description, workspace.IsDefault, links.Self("/workspaces/" + workspace.Key));
}
