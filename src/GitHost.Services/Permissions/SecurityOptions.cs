using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.Permissions;

/// <summary><c>GitHost:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "GitHost:Security";

    /// <summary>Lets anonymous users read projects and repositories marked public (Bitbucket's feature.public.access).</summary>
    public bool PublicAccessEnabled { get; set; } = true;

    /// <summary>How long a verified Basic password stays trusted without re-hashing.</summary>
    [Range(0, 3600)]
    public int CredentialCacheSeconds { get; set; } = 300;

    /// <summary>How long a principal's gathered grants are reused before reloading (changes on this node invalidate at once).</summary>
    [Range(0, 3600)]
    public int GrantCacheSeconds { get; set; } = 30;

    /// <summary>How often a browser session is checked against its user (deleted, locked out, password changed).</summary>
    [Range(0, 86_400)]
    public int SessionRevalidationSeconds { get; set; } = 60;

    /// <summary>Wrong passwords for one user name (known or not) before password sign-in for it is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>Wrong passwords from one client address (any user names) before passwords from it are locked; 0 = no limit per address.</summary>
    [Range(0, 100_000)]
    public int MaxFailedSignInsPerAddress { get; set; } = 30;

    /// <summary>How long the first lock lasts; each lock in a row lasts twice as long, up to <see cref="MaxLockoutSeconds"/>.</summary>
    [Range(1, 86_400)]
    public int LockoutSeconds { get; set; } = 60;

    [Range(1, 86_400)]
    public int MaxLockoutSeconds { get; set; } = 900;

    [Range(1, 100_000)]
    public int MaxTokensPerOwner { get; set; } = 100;
}
