using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Content.Refs;
using GitHost.Services.Repositories;

namespace GitHost.Server.Content.Refs;

/// <summary>
/// <c>.../repos/{slug}/branches</c>, <c>branches/default</c> and <c>default-branch</c> in the core API.
/// Reads need REPO_READ, creating a branch REPO_WRITE, changing the default branch REPO_ADMIN.
/// </summary>
internal static class BranchEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{slug}";

    public static RouteGroupBuilder MapBranchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/branches", ListAsync);
        api.MapPost(Repo + "/branches", CreateAsync);
        api.MapGet(Repo + "/branches/default", DefaultAsync);
        api.MapPut(Repo + "/branches/default", SetDefaultAsync);
        api.MapGet(Repo + "/default-branch", ConfiguredDefaultAsync);
        api.MapPut(Repo + "/default-branch", SetDefaultAsync);
        return api;
    }

    private static async Task<RestPage<RestBranch>> ListAsync(
        HttpContext http, BranchQueries branches, string projectKey, string slug,
        string? filterText, string? orderBy, string? @base, int? start, int? limit)
    {
        var query = new RefQuery(filterText, QueryValues.Enum<RefOrder>(orderBy, "orderBy") ?? RefOrder.Alphabetical,
            QueryValues.Flag(http.Request, "boostMatches"));
        var details = QueryValues.Flag(http.Request, "details");
        var page = await branches.ListAsync(http.GetPrincipal(), projectKey, slug, query, @base, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestBranch>.From(page, b => b.ToRest(details));
    }

    /// <summary>Core API create: 200 with the branch (branch-utils answers 201).</summary>
    private static async Task<RestBranch> CreateAsync(
        HttpContext http, BranchCommands commands, string projectKey, string slug, CreateBranchRequest body) =>
        (await commands.CreateAsync(http.GetPrincipal(), projectKey, slug, body.Name, body.StartPoint, http.RequestAborted)).ToRest();

    /// <summary>The default branch and its tip; 204 when the repository has no commits yet.</summary>
    private static async Task<IResult> DefaultAsync(HttpContext http, BranchQueries branches, string projectKey, string slug)
    {
        var branch = await branches.DefaultAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted);
        return branch is null ? TypedResults.NoContent() : TypedResults.Ok(branch.ToRest());
    }

    private static async Task<RestMinimalRef> ConfiguredDefaultAsync(HttpContext http, BranchQueries branches, string projectKey, string slug)
    {
        var id = await branches.ConfiguredDefaultAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted);
        return new RestMinimalRef(id, RefNamespace.Branches.ShortName(id), "BRANCH");
    }

    /// <summary>
    /// Sets the configured default branch (REPO_ADMIN) through the repository update, which moves HEAD
    /// before saving. The branch need not exist yet, as in Bitbucket: a new repository's default
    /// branch can be chosen before the first push.
    /// </summary>
    private static async Task<IResult> SetDefaultAsync(
        HttpContext http, RepositoryUpdate update, string projectKey, string slug, DefaultBranchRequest body)
    {
        var id = body.Id?.Trim();
        if (string.IsNullOrEmpty(id) || (id.StartsWith("refs/", StringComparison.Ordinal) && !id.StartsWith(RefNamespace.Branches.Prefix, StringComparison.Ordinal)))
        {
            throw GitHostException.Invalid("The default branch must be given as a branch id, such as refs/heads/main.", "id");
        }

        var refName = BranchCommands.ParseName(id);
        var command = new UpdateRepository(null, null, RefNamespace.Branches.ShortName(refName), null, null, null, null);
        await update.UpdateAsync(http.GetPrincipal(), projectKey, slug, command, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
