using GitHost.Data.AccessTokens;
using GitHost.Data.Builds;
using GitHost.Data.Cluster;
using GitHost.Data.Comments;
using GitHost.Data.Groups;
using GitHost.Data.Insights;
using GitHost.Data.Outbox;
using GitHost.Data.Permissions;
using GitHost.Data.Projects;
using GitHost.Data.PullRequests;
using GitHost.Data.Repositories;
using GitHost.Data.SecretScanning;
using GitHost.Data.Sessions;
using GitHost.Data.Settings;
using GitHost.Data.SshKeys;
using GitHost.Data.Users;
using GitHost.Data.Workspaces;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Data;

/// <summary>
/// The one provider-neutral model. Provider-specific schema history lives in the db/ projects;
/// every model change adds a migration to each of them.
/// </summary>
public sealed class GitHostDbContext(DbContextOptions<GitHostDbContext> options) : IdentityUserContext<UserEntity, long>(options)
{
    public DbSet<GroupEntity> Groups => Set<GroupEntity>();

    public DbSet<GroupMemberEntity> GroupMembers => Set<GroupMemberEntity>();

    public DbSet<WorkspaceEntity> Workspaces => Set<WorkspaceEntity>();

    public DbSet<WorkspaceMemberEntity> WorkspaceMembers => Set<WorkspaceMemberEntity>();

    public DbSet<ProjectEntity> Projects => Set<ProjectEntity>();

    public DbSet<RepositoryEntity> Repositories => Set<RepositoryEntity>();

    public DbSet<RecentRepositoryEntity> RecentRepositories => Set<RecentRepositoryEntity>();

    public DbSet<GlobalUserPermissionEntity> GlobalUserPermissions => Set<GlobalUserPermissionEntity>();

    public DbSet<GlobalGroupPermissionEntity> GlobalGroupPermissions => Set<GlobalGroupPermissionEntity>();

    public DbSet<ProjectUserPermissionEntity> ProjectUserPermissions => Set<ProjectUserPermissionEntity>();

    public DbSet<ProjectGroupPermissionEntity> ProjectGroupPermissions => Set<ProjectGroupPermissionEntity>();

    public DbSet<RepositoryUserPermissionEntity> RepositoryUserPermissions => Set<RepositoryUserPermissionEntity>();

    public DbSet<RepositoryGroupPermissionEntity> RepositoryGroupPermissions => Set<RepositoryGroupPermissionEntity>();

    public DbSet<AccessTokenEntity> AccessTokens => Set<AccessTokenEntity>();

    public DbSet<SshKeyEntity> SshKeys => Set<SshKeyEntity>();

    public DbSet<AccessKeyGrantEntity> AccessKeyGrants => Set<AccessKeyGrantEntity>();

    public DbSet<OutboxMessageEntity> OutboxMessages => Set<OutboxMessageEntity>();

    public DbSet<ClusterNodeEntity> ClusterNodes => Set<ClusterNodeEntity>();

    public DbSet<ClusterLeaseEntity> ClusterLeases => Set<ClusterLeaseEntity>();

    public DbSet<Pushes.PendingPushEntity> PendingPushes => Set<Pushes.PendingPushEntity>();

    public DbSet<ApplicationSettingEntity> ApplicationSettings => Set<ApplicationSettingEntity>();

    public DbSet<BrowserSessionEntity> BrowserSessions => Set<BrowserSessionEntity>();

    public DbSet<PullRequestEntity> PullRequests => Set<PullRequestEntity>();

    public DbSet<PullRequestParticipantEntity> PullRequestParticipants => Set<PullRequestParticipantEntity>();

    public DbSet<PullRequestWatcherEntity> PullRequestWatchers => Set<PullRequestWatcherEntity>();

    public DbSet<PullRequestActivityEntity> PullRequestActivities => Set<PullRequestActivityEntity>();

    public DbSet<AutoMergeRequestEntity> AutoMergeRequests => Set<AutoMergeRequestEntity>();

    public DbSet<ScopedSettingsEntity> ScopedSettings => Set<ScopedSettingsEntity>();

    public DbSet<RefMatcherConditionEntity> RefMatcherConditions => Set<RefMatcherConditionEntity>();

    public DbSet<CommentEntity> Comments => Set<CommentEntity>();

    public DbSet<CommentReactionEntity> CommentReactions => Set<CommentReactionEntity>();

    public DbSet<BuildStatusEntity> BuildStatuses => Set<BuildStatusEntity>();

    public DbSet<InsightReportEntity> InsightReports => Set<InsightReportEntity>();

    public DbSet<InsightAnnotationEntity> InsightAnnotations => Set<InsightAnnotationEntity>();

    public DbSet<BranchPermissions.RefRestrictionEntity> RefRestrictions => Set<BranchPermissions.RefRestrictionEntity>();

    public DbSet<BranchPermissions.RefRestrictionExemptionEntity> RefRestrictionExemptions => Set<BranchPermissions.RefRestrictionExemptionEntity>();

    public DbSet<Webhooks.WebhookEntity> Webhooks => Set<Webhooks.WebhookEntity>();

    public DbSet<Webhooks.WebhookDeliveryEntity> WebhookDeliveries => Set<Webhooks.WebhookDeliveryEntity>();

    public DbSet<Webhooks.WebhookAttemptEntity> WebhookAttempts => Set<Webhooks.WebhookAttemptEntity>();

    public DbSet<Audit.AuditEventEntity> AuditEvents => Set<Audit.AuditEventEntity>();

    public DbSet<SecretScanningRuleEntity> SecretScanningRules => Set<SecretScanningRuleEntity>();

    public DbSet<SecretScanningExemptionEntity> SecretScanningExemptions => Set<SecretScanningExemptionEntity>();

    public DbSet<ReviewerGroups.ReviewerGroupEntity> ReviewerGroups => Set<ReviewerGroups.ReviewerGroupEntity>();

    public DbSet<ReviewerGroups.ReviewerGroupUserEntity> ReviewerGroupUsers => Set<ReviewerGroups.ReviewerGroupUserEntity>();

    public DbSet<Pipelines.PipelineEntity> Pipelines => Set<Pipelines.PipelineEntity>();

    public DbSet<Pipelines.PipelineStepEntity> PipelineSteps => Set<Pipelines.PipelineStepEntity>();

    public DbSet<Pipelines.RunnerEntity> PipelineRunners => Set<Pipelines.RunnerEntity>();

    public DbSet<Pipelines.PipelineVariableEntity> PipelineVariables => Set<Pipelines.PipelineVariableEntity>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GitHostDbContext).Assembly);
    }
}
