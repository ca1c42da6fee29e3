namespace GitHost.Services.Git;

/// <summary>Why a repository is evaluated: a push to it, the periodic scan, or an administrator's request.</summary>
public enum HousekeepingTrigger
{
    Push,
    Scan,
    Admin,
}
