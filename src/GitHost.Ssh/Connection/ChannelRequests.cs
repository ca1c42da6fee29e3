namespace GitHost.Ssh.Connection;

/// <summary>What GitHost answers to channel and global requests it does not serve, and why.</summary>
internal static class ChannelRequests
{
    public const string NoShell = "GitHost does not provide shell access; use git clone/fetch/push over this address.\r\n";
    public const string NoSubsystem = "GitHost does not provide subsystems such as sftp; only git commands are served.\r\n";
    public const string NoForwarding = "GitHost allows no port forwarding, X11 or agent channels; only git commands over exec.";

    /// <summary>The only environment variable taken from the client (git's wire protocol version, "version=2").</summary>
    public const string GitProtocol = "GIT_PROTOCOL";

    public const int MaxCommandLength = 4096;
}
