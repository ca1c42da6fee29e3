namespace GitHost.Data.SecretScanning;

/// <summary>
/// A secret-scanning rule (what counts as a secret) or allowlist rule (what does not, although a
/// rule matched), at global, project or repository scope. At least one of <see cref="LineRegex"/> and
/// <see cref="PathRegex"/> is set; when both are, both must match. Exactly the scope's id column is set:
/// neither for global, <see cref="ProjectId"/> for project, <see cref="RepositoryId"/> for repository,
/// so deleting a project or repository takes its rules with it.
/// </summary>
public sealed class SecretScanningRuleEntity
{
    public const int MaxNameLength = 255;
    public const int MaxRegexLength = 1024;

    public long Id { get; set; }

    /// <summary>True for an allowlist rule.</summary>
    public bool Allowlist { get; set; }

    public SecretScanningScope ScopeType { get; set; }

    public long? ProjectId { get; set; }

    public long? RepositoryId { get; set; }

    public string Name { get; set; } = "";

    public string? LineRegex { get; set; }

    public string? PathRegex { get; set; }

    /// <summary>Ignored for allowlist rules.</summary>
    public SecretScanningAction Action { get; set; }

    /// <summary>
    /// When set, a line match counts only if the matched secret (the group named <c>secret</c>, else
    /// group 1, else the whole match) has at least this Shannon entropy in bits per character.
    /// </summary>
    public double? MinEntropy { get; set; }
}
