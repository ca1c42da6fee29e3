using GitHost.Server.AccessTokens;
using GitHost.Server.Admin;
using GitHost.Server.Audit;
using GitHost.Server.Auth;
using GitHost.Server.BranchPermissions;
using GitHost.Server.Builds;
using GitHost.Server.Cluster;
using GitHost.Server.Comments;
using GitHost.Server.Content;
using GitHost.Server.Content.Changes;
using GitHost.Server.Content.Compare;
using GitHost.Server.Content.Diff;
using GitHost.Server.Content.Files;
using GitHost.Server.Discovery;
using GitHost.Server.GitHooks;
using GitHost.Server.GitHttp;
using GitHost.Server.GitSsh;
using GitHost.Server.ProjectPermissions;
using GitHost.Server.Pipelines;
using GitHost.Server.Projects;
using GitHost.Server.PullRequests;
using GitHost.Server.RateLimiting;
using GitHost.Server.Repositories;
using GitHost.Server.RepositoryPermissions;
using GitHost.Server.Rest;
using GitHost.Server.ReviewerGroups;
using GitHost.Server.SecretScanning;
using GitHost.Server.SshKeys;
using GitHost.Server.Users;
using GitHost.Server.Webhooks;
using GitHost.Server.Workspaces;

namespace GitHost.Server.Hosting;

/// <summary>The table of contents of the REST API: one line per feature.</summary>
internal static class FeatureRegistration
{
    public static IServiceCollection AddGitHostFeatures(this IServiceCollection services) => services
        .AddGitHostRateLimiting()
        .AddGitHttp()
        .AddGitHooks()
        .AddRefsAndCommitsRest()
        .AddPullRequestRest()
        .AddBuildsAndInsights()
        .AddGitSsh()
        .AddBranchPermissions()
        .AddSecretScanning()
        .AddReviewerGroups()
        .AddAuditLog()
        .AddWebhooks()
        .AddPipelinesRest();

    public static IEndpointRouteBuilder MapGitHostEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapSystemEndpoints();
        app.MapClusterEndpoints();
        app.MapCookieLoginEndpoints();
        app.MapModule("api", "1.0", api =>
        {
            api.MapProjectEndpoints();
            api.MapUserEndpoints();
            api.MapAdminUserEndpoints();
            api.MapAdminGroupEndpoints();
            api.MapAdminMembershipEndpoints();
            api.MapGlobalPermissionEndpoints();
            api.MapProjectPermissionEndpoints();
            api.MapRepositoryPermissionEndpoints();
            api.MapWorkspaceEndpoints();
            api.MapRateLimitEndpoints();
            api.MapRepositoryEndpoints();
            api.MapRepositoryOptimizationEndpoints();
            api.MapFileContentEndpoints();
            api.MapDiffEndpoints();
            api.MapChangeEndpoints();
            api.MapCompareEndpoints();
            api.MapRefsAndCommitsEndpoints();
            api.MapPullRequestRestEndpoints();
        });
        app.MapRefsAndCommitsModules();
        app.MapPullRequestModules();
        app.MapBuildsAndInsights();
        app.MapCommentLikes();
        app.MapModule("access-tokens", "1.0", tokens => tokens.MapAccessTokenEndpoints());
        app.MapGitHttpEndpoints();
        app.MapHookCallbackEndpoints();
        app.MapModule("ssh", "1.0", ssh => ssh.MapSshKeyEndpoints().MapSshSettingsEndpoints());
        app.MapModule("keys", "1.0", keys => keys.MapAccessKeyEndpoints());
        app.MapBranchPermissions();
        app.MapSecretScanning();
        app.MapReviewerGroups();
        app.MapAuditLog();
        app.MapWebhooks();
        app.MapPipelines();
        return app;
    }
}
