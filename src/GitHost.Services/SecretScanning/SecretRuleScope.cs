using GitHost.Data.SecretScanning;
using GitHost.Services.Audit;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// A resolved scope: global, one project or one repository (<see cref="ResourceId"/> is Bitbucket's
/// <c>scope.resourceId</c>); <see cref="Place"/> names it for the audit log.
/// </summary>
public sealed record SecretRuleScope(SecretScanningScope Type, long? ProjectId, long? RepositoryId, AuditSubject Place)
{
    public static readonly SecretRuleScope Global = new(SecretScanningScope.Global, null, null, AuditSubject.Global);

    public AuditSubject Rule(SecretScanningRuleEntity rule) =>
        Place with { Type = rule.Allowlist ? "SECRET_SCANNING_ALLOWLIST_RULE" : "SECRET_SCANNING_RULE", Id = AuditSubject.Text(rule.Id), Name = rule.Name };

    public long? ResourceId => Type switch
    {
        SecretScanningScope.Project => ProjectId,
        SecretScanningScope.Repository => RepositoryId,
        _ => null,
    };
}
