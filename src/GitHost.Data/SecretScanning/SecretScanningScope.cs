namespace GitHost.Data.SecretScanning;

/// <summary>Where a secret-scanning rule or exemption was configured; Bitbucket's <c>scope.type</c>.</summary>
public enum SecretScanningScope
{
    Global = 0,
    Project = 1,
    Repository = 2,
}
