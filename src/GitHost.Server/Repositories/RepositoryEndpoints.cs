using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Data.Repositories;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Repositories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GitHost.Server.Repositories;

/// <summary><c>/rest/api/1.0/projects/{projectKey}/repos</c> and the global <c>/rest/api/1.0/repos</c> search.</summary>
internal static class RepositoryEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{slug}";

    public static RouteGroupBuilder MapRepositoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/repos", SearchAsync);
        api.MapGet("/profile/recent/repos", RecentAsync);
        api.MapGet("/projects/{projectKey}/repos", ListAsync);
        api.MapPost("/projects/{projectKey}/repos", CreateAsync);
        api.MapGet(Repo, GetAsync);
        api.MapPut(Repo, UpdateAsync);
        api.MapDelete(Repo, DeleteAsync);
        api.MapPost(Repo, ForkAsync);
        api.MapGet(Repo + "/forks", ForksAsync);
        api.MapGet(Repo + "/related", RelatedAsync);
        return api;
    }

    private static async Task<RestPage<RestRepository>> SearchAsync(
        HttpContext http, RepositoryListing repositories, RestMapper mapper,
        string? name, string? projectname, string? projectkey, string? visibility, string? permission, string? state, string? archived,
        int? start, int? limit)
    {
        var search = new RepositorySearch(
            name,
            projectname,
            projectkey,
            QueryValues.Enum<VisibilityFilter>(visibility, "visibility"),
            permission is null ? null : PermissionNames.ParseIn(permission, PermissionScope.Repository),
            QueryValues.Enum<RepositoryState>(state, "state"),
            QueryValues.Enum<ArchivedFilter>(archived, "archived") ?? ArchivedFilter.Active);
        var principal = http.GetPrincipal();
        var page = await repositories.SearchAsync(principal, search, PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, principal);
    }

    /// <summary>What the caller opened lately in the web UI, newest first; <c>permission</c> (default REPO_READ) filters.</summary>
    private static async Task<RestPage<RestRepository>> RecentAsync(
        HttpContext http, RecentRepositories recent, RestMapper mapper, string? permission, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var minimum = permission is null ? Permission.RepoRead : PermissionNames.ParseIn(permission, PermissionScope.Repository);
        var page = await recent.ListAsync(principal, minimum, PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, principal);
    }

    private static async Task<RestPage<RestRepository>> ListAsync(
        HttpContext http, RepositoryListing repositories, RestMapper mapper, string projectKey, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var page = await repositories.InProjectAsync(principal, projectKey, PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, principal);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, RepositoryCreation creation, RepositoryListing repositories, RestMapper mapper, string projectKey, CreateRepositoryRequest body)
    {
        var principal = http.GetPrincipal();
        var command = new CreateRepository(body.Name, body.ScmId, body.DefaultBranch, body.Public, body.Description, body.Forkable);
        var created = await creation.CreateAsync(principal, projectKey, command, http.RequestAborted);
        return await CreatedAsync(http, repositories, mapper, created.Id);
    }

    private static async Task<RestRepository> GetAsync(HttpContext http, RepositoryListing repositories, RestMapper mapper, string projectKey, string slug)
    {
        var principal = http.GetPrincipal();
        return mapper.ToRest(await repositories.GetAsync(principal, projectKey, slug, http.RequestAborted), principal);
    }

    /// <summary>Bitbucket answers a successful update with 201, whether or not the slug changed.</summary>
    private static async Task<IResult> UpdateAsync(
        HttpContext http, RepositoryUpdate update, RepositoryListing repositories, RestMapper mapper,
        string projectKey, string slug, UpdateRepositoryRequest body)
    {
        var command = new UpdateRepository(body.Name, body.Description, body.DefaultBranch, body.Public, body.Forkable, body.Archived, body.Project?.Key);
        var updated = await update.UpdateAsync(http.GetPrincipal(), projectKey, slug, command, http.RequestAborted);
        return await CreatedAsync(http, repositories, mapper, updated.Id);
    }

    /// <summary>202 when deleted, 204 when there was nothing (the caller could see) to delete.</summary>
    private static async Task<IResult> DeleteAsync(
        HttpContext http, RepositoryDeletion deletion, CredentialCache credentials, string projectKey, string slug)
    {
        if (!await deletion.DeleteAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted))
        {
            return TypedResults.NoContent();
        }

        // The repository's access tokens went with it; cached Bearer logins must not outlive them.
        credentials.InvalidateAll();
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> ForkAsync(
        HttpContext http, RepositoryCreation creation, RepositoryListing repositories, RestMapper mapper, string projectKey, string slug,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ForkRepositoryRequest? body)
    {
        var command = new ForkRepository(body?.Name, body?.DefaultBranch, body?.Project?.Key, body?.ScmId);
        if (body?.Project is { Key: null })
        {
            throw Core.Failures.GitHostException.Invalid("A target project must be given by its key.", "project");
        }

        var fork = await creation.ForkAsync(http.GetPrincipal(), projectKey, slug, command, http.RequestAborted);
        return await CreatedAsync(http, repositories, mapper, fork.Id);
    }

    private static async Task<RestPage<RestRepository>> ForksAsync(
        HttpContext http, RepositoryListing repositories, RestMapper mapper, string projectKey, string slug, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var page = await repositories.ForksAsync(principal, projectKey, slug, PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, principal);
    }

    private static async Task<RestPage<RestRepository>> RelatedAsync(
        HttpContext http, RepositoryListing repositories, RestMapper mapper, string projectKey, string slug, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var page = await repositories.RelatedAsync(principal, projectKey, slug, PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, principal);
    }

    private static async Task<IResult> CreatedAsync(HttpContext http, RepositoryListing repositories, RestMapper mapper, long repositoryId)
    {
        // Read back with the caller's token ignored: the write succeeded, so the answer describes what now exists.
        var details = await repositories.DetailsAsync(repositoryId, http.RequestAborted);
        var rest = mapper.ToRest(details, http.GetPrincipal());
        return TypedResults.Created($"/rest/api/1.0/projects/{rest.Project.Key}/repos/{rest.Slug}", rest);
    }
}
