using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Content.Refs;

namespace GitHost.Server.Content.Refs;

/// <summary>
/// <c>/rest/git/1.0/projects/{key}/repos/{slug}/tags</c>: create with an explicit
/// <c>type: ANNOTATED|LIGHTWEIGHT</c> and <c>force</c> (201), delete (204, 404 when absent); REPO_WRITE.
/// </summary>
internal static class GitTagEndpoints
{
    private const string Tags = "/projects/{projectKey}/repos/{slug}/tags";

    private enum TagType
    {
        Annotated,
        Lightweight,
    }

    public static RouteGroupBuilder MapGitTagEndpoints(this RouteGroupBuilder module)
    {
        module.MapPost(Tags, CreateAsync);
        module.MapDelete(Tags + "/{*name}", DeleteAsync);
        return module;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, TagCommands commands, string projectKey, string slug, CreateTagRequest body)
    {
        var type = QueryValues.Enum<TagType>(body.Type, "type");
        var command = new CreateTag(body.Name, body.StartPoint, body.Message, type is null ? null : type == TagType.Annotated, body.Force ?? false);
        var tag = await commands.CreateAsync(http.GetPrincipal(), projectKey, slug, command, http.RequestAborted);
        return TypedResults.Created((string?)null, tag.ToRest());
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, TagCommands commands, string projectKey, string slug, string name)
    {
        await commands.DeleteAsync(http.GetPrincipal(), projectKey, slug, name, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
