namespace GitHost.Data.SecretScanning;

/// <summary>
/// A repository that is not scanned. <see cref="ScopeType"/> says who made it exempt (a global
/// administrator or a project administrator), and so who may lift it.
/// </summary>
public sealed class SecretScanningExemptionEntity
{
    public long RepositoryId { get; set; }

    public SecretScanningScope ScopeType { get; set; }

    public long CreatedDate { get; set; }
}
