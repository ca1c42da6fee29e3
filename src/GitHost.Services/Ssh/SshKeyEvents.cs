namespace GitHost.Services.Ssh;

/// <summary>Outbox event keys of SSH user keys and access keys (Bitbucket audits both as key added/removed).</summary>
public static class SshKeyEvents
{
    public const string UserKeyAdded = "ssh-key:added";
    public const string UserKeyDeleted = "ssh-key:deleted";
    public const string AccessKeyAdded = "access-key:added";
    public const string AccessKeyModified = "access-key:modified";
    public const string AccessKeyRemoved = "access-key:removed";
}
