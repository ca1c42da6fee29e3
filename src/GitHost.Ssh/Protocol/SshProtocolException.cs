namespace GitHost.Ssh.Protocol;

/// <summary>
/// The peer broke the protocol (malformed message, bad MAC, unexpected message, limit exceeded).
/// The connection answers with SSH_MSG_DISCONNECT carrying <see cref="Reason"/> and closes; this is
/// the only exception the parsers and the packet reader let escape.
/// </summary>
public sealed class SshProtocolException(SshDisconnectReason reason, string message) : Exception(message)
{
    public SshDisconnectReason Reason { get; } = reason;
}
