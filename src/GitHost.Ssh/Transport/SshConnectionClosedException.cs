namespace GitHost.Ssh.Transport;

/// <summary>The peer closed the TCP connection; nothing is sent back.</summary>
internal sealed class SshConnectionClosedException() : Exception("The client closed the connection.");
