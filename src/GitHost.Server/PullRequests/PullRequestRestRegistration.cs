using GitHost.Server.Comments;
using GitHost.Server.PullRequests.Diffs;
using GitHost.Server.PullRequests.Issues;
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
        .MapPullRequestSuggestionEndpoints()
        .MapPullRequestDiffEndpoints()
        .MapCommentEndpoints()
        .MapPullRequestMergeEndpoints();

    /// <summary>Pull request resources Bitbucket serves from other REST modules: <c>git</c> (rebase) and <c>jira</c> (issue keys).</summary>
    public static IEndpointRouteBuilder MapPullRequestModules(this IEndpointRouteBuilder app)
    {
        app.MapModule("git", "1.0", git => git.MapPullRequestRebaseEndpoints());
        app.MapModule("jira", "1.0", jira => jira.MapPullRequestIssueEndpoints().MapIssueCommitEndpoints());
        return app;
    }
}
