using GitHost.Server.Content.Commits;
using GitHost.Server.Content.Refs;
using GitHost.Server.Rest;
using GitHost.Services.Content.Refs;

namespace GitHost.Server.Content;

/// <summary>Branches, tags and commits: the core API endpoints plus the branch-utils and git modules.</summary>
internal static class RefsAndCommitsRegistration
{
    public static IServiceCollection AddRefsAndCommitsRest(this IServiceCollection services) => services
        .AddScoped<IRefEventSubjects, RestRefEventSubjects>()
        .AddScoped<CommitRestMapper>()
        .AddScoped<RefEventActors>();

    public static RouteGroupBuilder MapRefsAndCommitsEndpoints(this RouteGroupBuilder api) => api
        .MapBranchEndpoints()
        .MapTagEndpoints()
        .MapCommitEndpoints();

    public static IEndpointRouteBuilder MapRefsAndCommitsModules(this IEndpointRouteBuilder app)
    {
        app.MapModule("branch-utils", "1.0", module => module.MapBranchUtilsEndpoints());
        app.MapModule("git", "1.0", module => module.MapGitTagEndpoints());
        return app;
    }
}
