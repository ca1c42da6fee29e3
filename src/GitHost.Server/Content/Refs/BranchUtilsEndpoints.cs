using GitHost.Server.Auth;
using GitHost.Services.Content.Refs;
using Microsoft.AspNetCore.Mvc;

namespace GitHost.Server.Content.Refs;

/// <summary><c>/rest/branch-utils/1.0/projects/{key}/repos/{slug}/branches</c>: create (201) and delete (204), REPO_WRITE.</summary>
internal static class BranchUtilsEndpoints
{
    private const string Branches = "/projects/{projectKey}/repos/{slug}/branches";

    public static RouteGroupBuilder MapBranchUtilsEndpoints(this RouteGroupBuilder module)
    {
        module.MapPost(Branches, CreateAsync);
        module.MapDelete(Branches, DeleteAsync);
        return module;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, BranchCommands commands, string projectKey, string slug, CreateBranchRequest body)
    {
        var branch = await commands.CreateAsync(http.GetPrincipal(), projectKey, slug, body.Name, body.StartPoint, http.RequestAborted);
        return TypedResults.Created((string?)null, branch.ToRest());
    }

    /// <summary>204 whether or not the branch existed: afterwards it does not.</summary>
    private static async Task<IResult> DeleteAsync(
        HttpContext http, BranchCommands commands, string projectKey, string slug, [FromBody] DeleteBranchRequest body)
    {
        await commands.DeleteAsync(http.GetPrincipal(), projectKey, slug, body.Name, body.EndPoint, body.DryRun ?? false, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
