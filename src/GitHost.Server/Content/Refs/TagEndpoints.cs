using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Content.Refs;

namespace GitHost.Server.Content.Refs;

/// <summary><c>.../repos/{slug}/tags</c> in the core API: list and get (REPO_READ), create (REPO_WRITE, 200).</summary>
internal static class TagEndpoints
{
    private const string Tags = "/projects/{projectKey}/repos/{slug}/tags";

    public static RouteGroupBuilder MapTagEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Tags, ListAsync);
        api.MapPost(Tags, CreateAsync);
        api.MapGet(Tags + "/{*name}", GetAsync);
        return api;
    }

    private static async Task<RestPage<RestTag>> ListAsync(
        HttpContext http, TagQueries tags, string projectKey, string slug, string? filterText, string? orderBy, int? start, int? limit)
    {
        var query = new RefQuery(filterText, QueryValues.Enum<RefOrder>(orderBy, "orderBy") ?? RefOrder.Alphabetical, BoostMatches: false);
        var page = await tags.ListAsync(http.GetPrincipal(), projectKey, slug, query, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestTag>.From(page, t => t.ToRest());
    }

    private static async Task<RestTag> GetAsync(HttpContext http, TagQueries tags, string projectKey, string slug, string name) =>
        (await tags.GetAsync(http.GetPrincipal(), projectKey, slug, name, http.RequestAborted)).ToRest();

    /// <summary>Annotated when a message is given, lightweight otherwise.</summary>
    private static async Task<RestTag> CreateAsync(HttpContext http, TagCommands commands, string projectKey, string slug, CreateTagRequest body)
    {
        var command = new CreateTag(body.Name, body.StartPoint, body.Message, Annotated: null, Force: false);
        return (await commands.CreateAsync(http.GetPrincipal(), projectKey, slug, command, http.RequestAborted)).ToRest();
    }
}
