using GitHost.Git.Transport;

namespace GitHost.Server.GitHttp;

/// <summary>
/// git's smart HTTP protocol under Bitbucket's clone URLs, <c>/scm/{key}/{slug}.git</c> (key in any
/// case, <c>~user</c> for personal projects, <c>.git</c> optional):
/// <code>
/// GET  /scm/proj/repo.git/info/refs?service=git-upload-pack     ref advertisement
/// POST /scm/proj/repo.git/git-upload-pack                       fetch / clone
/// POST /scm/proj/repo.git/git-receive-pack                      push
/// </code>
/// Everything else under <c>/scm</c> (dumb HTTP, other services) is refused in plain text.
/// </summary>
internal static class GitHttpEndpoints
{
    public static IEndpointRouteBuilder MapGitHttpEndpoints(this IEndpointRouteBuilder app)
    {
        var scm = app.MapGroup("/scm").ExcludeFromDescription();
        scm.MapGet("/{key}/{repo}/info/refs", (HttpContext context, string key, string repo, GitHttpDoor door) =>
            door.AdvertiseAsync(context, key, repo, GitServices.Parse(context.Request.Query["service"].ToString())));
        scm.MapPost("/{key}/{repo}/{service}", (HttpContext context, string key, string repo, string service, GitHttpDoor door) =>
            door.ServeAsync(context, key, repo, GitServices.Parse(service)));
        scm.Map("/{**rest}", (HttpContext context) => GitHttpResponses.WriteAsync(context, StatusCodes.Status404NotFound,
            "Not a git smart HTTP URL. Clone with https://<host>/scm/<project>/<repository>.git; GitHost does not serve git's dumb HTTP protocol."));
        return app;
    }
}
