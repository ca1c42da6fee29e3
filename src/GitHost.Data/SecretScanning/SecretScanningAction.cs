namespace GitHost.Data.SecretScanning;

/// <summary>What a finding of a rule does to the push (a GitHost extension: Bitbucket only notifies).</summary>
public enum SecretScanningAction
{
    /// <summary>The push is rejected, naming file, line and rule.</summary>
    Block = 0,

    /// <summary>The push goes through with a <c>remote:</c> warning.</summary>
    Warn = 1,
}
