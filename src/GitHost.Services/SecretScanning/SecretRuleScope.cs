using GitHost.Data.SecretScanning;

namespace GitHost.Services.SecretScanning;

/// <summary>A resolved scope: global, one project or one repository (<see cref="ResourceId"/> is Bitbucket's <c>scope.resourceId</c>).</summary>
public sealed record SecretRuleScope(SecretScanningScope Type, long? ProjectId, long? RepositoryId)
{
    public static readonly SecretRuleScope Global = new(SecretScanningScope.Global, null, null);

    public long? ResourceId => Type switch
    {
        SecretScanningScope.Project => ProjectId,
        SecretScanningScope.Repository => RepositoryId,
        _ => null,
    };
}
