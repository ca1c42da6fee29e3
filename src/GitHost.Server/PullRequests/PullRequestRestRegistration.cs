using GitHost.Server.Comments;
using GitHost.Server.PullRequests.Diffs;
using GitHost.Server.PullRequests.Rebases;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;
using Microsoft.AspNetCore.Http.Json;

namespace GitHost.Server.PullRequests;

/// <summary>Pull requests over REST: the lifecycle, participants and activities.</summary>
internal static class PullRequestRestRegistration
{
    public static IServiceCollection AddPullRequestRest(this IServiceCollection services) => services
        .AddScoped<IPullRequestEventSubjects, RestPullRequestEventSubjects>()
        .Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PullRequestJsonContext.Default));

    public static RouteGroupBuilder MapPullRequestRestEndpoints(this RouteGroupBuilder api) => api
        .MapPullRequestEndpoints()
        .MapPullRequestParticipantEndpoints()
        .MapPullRequestActivityEndpoints()
        .MapPullRequestDashboardEndpoints()
        .MapPullRequestDiffEndpoints()
        .MapCommentEndpoints()
        .MapPullRequestMergeEndpoints();

    /// <summary>Pull request resources Bitbucket serves from other REST modules: <c>git</c> (rebase).</summary>
    public static IEndpointRouteBuilder MapPullRequestModules(this IEndpointRouteBuilder app)
    {
        app.MapModule("git", "1.0", git => git.MapPullRequestRebaseEndpoints());
        return app;
    }
}
