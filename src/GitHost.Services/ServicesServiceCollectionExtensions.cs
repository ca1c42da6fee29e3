using GitHost.Services.AccessTokens;
using GitHost.Services.Common;
using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Diff;
using GitHost.Services.Content.Files;
using GitHost.Services.Git;
using GitHost.Services.Git.Admission;
using GitHost.Services.Git.PackCache;
using GitHost.Services.Content;
using GitHost.Services.GlobalPermissions;
using GitHost.Services.Groups;
using GitHost.Services.Outbox;
using GitHost.Services.Pipelines;
using GitHost.Services.Permissions;
using GitHost.Services.ProjectPermissions;
using GitHost.Services.PullRequests;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using GitHost.Services.SignIn;
using GitHost.Services.Users;
using GitHost.Services.RepositoryPermissions;
using GitHost.Services.Ssh;
using GitHost.Services.Workspaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitHost.Services;

public static class ServicesServiceCollectionExtensions
{
    /// <summary>The use cases every door shares. The database and git layers are registered by the host.</summary>
    public static IServiceCollection AddGitHostServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<EpochClock>();
        services.AddSingleton<AccessGrantsCache>();
        services.AddScoped<PermissionService>();
        services.AddScoped<OutboxWriter>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<AfterCommit>();
        services.AddScoped<EventActorLookup>();
        services.AddScoped<DefaultWorkspace>();
        services.AddScoped<WorkspaceService>();
        services.AddScoped<PersonalProjects>();
        services.AddScoped<ProjectLookup>();
        services.AddScoped<ProjectService>();
        services.AddScoped<RepositoryLookup>();
        services.AddScoped<GlobalLevels>();
        services.AddScoped<GlobalPermissionService>();
        services.AddScoped<GroupService>();
        services.AddScoped<GroupMembershipService>();
        services.AddScoped<ApplicationSettings>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<LocalSignInFailureStore>();
        // In a cluster the records live in Redis, so N nodes give a guesser no more attempts than one.
        services.AddSingleton<ISignInFailureStore>(provider => provider.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { } redis
            ? new RedisSignInFailureStore(
                redis, provider.GetRequiredService<LocalSignInFailureStore>(), provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Cluster.RedisOptions>>().Value.KeyPrefix,
                provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RedisSignInFailureStore>>())
            : provider.GetRequiredService<LocalSignInFailureStore>());
        services.AddScoped<BrowserSessions>();
        services.AddScoped<PasswordPolicy>();
        services.AddScoped<UserPermissionMatcher>();
        services.AddScoped<UserSearch>();
        services.AddScoped<UserAccountService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<PasswordRecovery>();
        services.AddScoped<UserDeletion>();
        services.AddScoped<UserRename>();
        services.AddScoped<SelfDemotionGuard>();
        services.AddScoped<ProjectPermissionQueries>();
        services.AddScoped<ProjectPermissionService>();
        services.AddScoped<RepositoryPermissionQueries>();
        services.AddScoped<RepositoryPermissionService>();
        services.AddScoped<AccessTokenOwners>();
        services.AddScoped<AccessTokenService>();
        services.AddScoped<AccessTokenSignIn>();
        services.AddScoped<RepositoryListing>();
        services.AddScoped<RecentRepositories>();
        services.AddSingleton<VisibleRepositoryPage>();
        services.AddSingleton<RepositoryByPath>();
        services.AddScoped<RepositoryCreation>();
        services.AddScoped<RepositoryUpdate>();
        services.AddScoped<RepositoryDeletion>();
        services.AddOptions<ContentLimits>().Bind(configuration.GetSection(ContentLimits.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ContentRepositories>();
        services.AddScoped<BrowseService>();
        services.AddScoped<RawService>();
        services.AddScoped<FileListingService>();
        services.AddScoped<LastModifiedService>();
        services.AddScoped<ArchiveService>();
        services.AddScoped<DiffService>();
        services.AddScoped<ChangesService>();
        services.AddGitPushServices();
        services.AddPackAdmission();
        services.AddPackCache();
        services.AddScoped<SshKeyRegistry>();
        services.AddScoped<SshKeyOwners>();
        services.AddScoped<SshKeyService>();
        services.AddScoped<AccessKeyTargets>();
        services.AddScoped<AccessKeyService>();
        services.AddScoped<SshKeyAuthentication>();
        services.AddScoped<SshSignInAudit>();
        services.AddScoped<SignInRecords>();
        services.AddRefsAndCommits();
        services.AddPullRequests();
        services.AddPipelineServices(configuration);
        return services;
    }
}
