using System.Collections.Frozen;
using System.Reflection;

namespace GitHost.Services.Audit;

/// <summary>
/// What happened, as a stable key that filters and SIEM rules can rely on (never renamed), with
/// Bitbucket's category and a summary for people. Features add their actions here.
/// <code>
/// audit.Record(AuditAction.RepositoryDeleted, AuditSubject.Repository(repository, project), before: new { repository.Name });
/// </code>
/// </summary>
public sealed record AuditAction(string Key, string Category, string Summary)
{
    public static readonly AuditAction SignInSucceeded = new("auth.signin.succeeded", AuditCategory.Security, "Authentication succeeded");
    public static readonly AuditAction SignInFailed = new("auth.signin.failed", AuditCategory.Security, "Authentication failed");

    public static readonly AuditAction TokenCreated = new("token.created", AuditCategory.Security, "Access token created");
    public static readonly AuditAction TokenModified = new("token.modified", AuditCategory.Security, "Access token modified");
    public static readonly AuditAction TokenRevoked = new("token.revoked", AuditCategory.Security, "Access token revoked");
    public static readonly AuditAction SshKeyAdded = new("ssh-key.added", AuditCategory.Security, "User SSH key added");
    public static readonly AuditAction SshKeyRemoved = new("ssh-key.removed", AuditCategory.Security, "User SSH key removed");
    public static readonly AuditAction AccessKeyAdded = new("access-key.added", AuditCategory.Security, "Access key added");
    public static readonly AuditAction AccessKeyModified = new("access-key.modified", AuditCategory.Security, "Access key permission changed");
    public static readonly AuditAction AccessKeyRemoved = new("access-key.removed", AuditCategory.Security, "Access key removed");
    public static readonly AuditAction PasswordChanged = new("user.password.changed", AuditCategory.Security, "User password changed");
    public static readonly AuditAction SignInLockCleared = new("user.signin-lock.cleared", AuditCategory.Security, "User sign-in lock cleared");

    public static readonly AuditAction UserCreated = new("user.created", AuditCategory.UsersAndGroups, "User created");
    public static readonly AuditAction UserModified = new("user.modified", AuditCategory.UsersAndGroups, "User details changed");
    public static readonly AuditAction UserRenamed = new("user.renamed", AuditCategory.UsersAndGroups, "User renamed");
    public static readonly AuditAction UserDeleted = new("user.deleted", AuditCategory.UsersAndGroups, "User deleted");
    public static readonly AuditAction GroupCreated = new("group.created", AuditCategory.UsersAndGroups, "Group created");
    public static readonly AuditAction GroupDeleted = new("group.deleted", AuditCategory.UsersAndGroups, "Group deleted");
    public static readonly AuditAction MembershipAdded = new("group.membership.added", AuditCategory.UsersAndGroups, "User added to group");
    public static readonly AuditAction MembershipRemoved = new("group.membership.removed", AuditCategory.UsersAndGroups, "User removed from group");

    public static readonly AuditAction GlobalPermissionChanged = new("permission.global.changed", AuditCategory.Permissions, "Global permission changed");
    public static readonly AuditAction ProjectPermissionGranted = new("permission.project.granted", AuditCategory.Permissions, "Project permission granted");
    public static readonly AuditAction ProjectPermissionRevoked = new("permission.project.revoked", AuditCategory.Permissions, "Project permission revoked");
    public static readonly AuditAction RepositoryPermissionGranted = new("permission.repository.granted", AuditCategory.Permissions, "Repository permission granted");
    public static readonly AuditAction RepositoryPermissionRevoked = new("permission.repository.revoked", AuditCategory.Permissions, "Repository permission revoked");

    public static readonly AuditAction ProjectCreated = new("project.created", AuditCategory.Projects, "Project created");
    public static readonly AuditAction ProjectModified = new("project.modified", AuditCategory.Projects, "Project modified");
    public static readonly AuditAction ProjectDeleted = new("project.deleted", AuditCategory.Projects, "Project deleted");

    public static readonly AuditAction RepositoryCreated = new("repository.created", AuditCategory.Repositories, "Repository created");
    public static readonly AuditAction RepositoryForked = new("repository.forked", AuditCategory.Repositories, "Repository forked");
    public static readonly AuditAction RepositoryModified = new("repository.modified", AuditCategory.Repositories, "Repository modified");
    public static readonly AuditAction RepositoryDeleted = new("repository.deleted", AuditCategory.Repositories, "Repository deleted");

    public static readonly AuditAction RefForcePushed = new("ref.force-pushed", AuditCategory.EndUserActivity, "Ref rewritten by a forced push");
    public static readonly AuditAction RefDeleted = new("ref.deleted", AuditCategory.EndUserActivity, "Ref deleted");
    public static readonly AuditAction PullRequestMerged = new("pull-request.merged", AuditCategory.EndUserActivity, "Pull request merged");
    public static readonly AuditAction PullRequestDeclined = new("pull-request.declined", AuditCategory.EndUserActivity, "Pull request declined");
    public static readonly AuditAction PullRequestRebased = new("pull-request.rebased", AuditCategory.EndUserActivity, "Pull request source branch rebased");

    public static readonly AuditAction RateLimitSettingsChanged = new("settings.rate-limit.changed", AuditCategory.GlobalConfig, "Rate limit settings changed");
    public static readonly AuditAction UserRateLimitChanged = new("settings.rate-limit.user.changed", AuditCategory.GlobalConfig, "User rate limit settings changed");
    public static readonly AuditAction UserRateLimitRemoved = new("settings.rate-limit.user.removed", AuditCategory.GlobalConfig, "User rate limit settings removed");

    public static readonly AuditAction GlobalMergeConfigChanged = new("settings.merge-config.changed", AuditCategory.GlobalConfig, "Global pull request merge strategies changed");

    public static readonly AuditAction BranchPermissionCreated = new("branch-permission.created", AuditCategory.Permissions, "Branch permission added");
    public static readonly AuditAction BranchPermissionModified = new("branch-permission.modified", AuditCategory.Permissions, "Branch permission modified");
    public static readonly AuditAction BranchPermissionDeleted = new("branch-permission.deleted", AuditCategory.Permissions, "Branch permission removed");
    public static readonly AuditAction BranchModelModified = new("branch-model.modified", AuditCategory.LocalConfig, "Branching model modified");
    public static readonly AuditAction SecretScanningRuleCreated = new("secret-scanning.rule.created", AuditCategory.Security, "Secret scanning rule added");
    public static readonly AuditAction SecretScanningRuleModified = new("secret-scanning.rule.modified", AuditCategory.Security, "Secret scanning rule modified");
    public static readonly AuditAction SecretScanningRuleDeleted = new("secret-scanning.rule.deleted", AuditCategory.Security, "Secret scanning rule removed");
    public static readonly AuditAction SecretScanningExemptionAdded = new("secret-scanning.exemption.added", AuditCategory.Security, "Repository exempted from secret scanning");
    public static readonly AuditAction SecretScanningExemptionRemoved = new("secret-scanning.exemption.removed", AuditCategory.Security, "Secret scanning exemption removed");
    public static readonly AuditAction SecretDetected = new("secret-scanning.secret.detected", AuditCategory.Security, "Secret detected in a push");
    public static readonly AuditAction ReviewerGroupCreated = new("reviewer-group.created", AuditCategory.LocalConfig, "Reviewer group created");
    public static readonly AuditAction ReviewerGroupModified = new("reviewer-group.modified", AuditCategory.LocalConfig, "Reviewer group modified");
    public static readonly AuditAction ReviewerGroupDeleted = new("reviewer-group.deleted", AuditCategory.LocalConfig, "Reviewer group deleted");
    public static readonly AuditAction WebhookCreated = new("webhook.created", AuditCategory.LocalConfig, "Webhook created");
    public static readonly AuditAction WebhookModified = new("webhook.modified", AuditCategory.LocalConfig, "Webhook modified");
    public static readonly AuditAction WebhookDeleted = new("webhook.deleted", AuditCategory.LocalConfig, "Webhook deleted");

    private static readonly FrozenDictionary<string, AuditAction> ByKey = typeof(AuditAction)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(AuditAction))
        .Select(f => (AuditAction)f.GetValue(null)!)
        .ToFrozenDictionary(a => a.Key, StringComparer.Ordinal);

    /// <summary>Every action there is, by key.</summary>
    public static IReadOnlyCollection<AuditAction> All => ByKey.Values;

    public static AuditAction? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>The i18n key Bitbucket's REST gives beside the action text.</summary>
    public string I18nKey => "githost.audit.action." + Key;
}
