using GitHost.Ssh.Protocol;
using Microsoft.Extensions.Logging;

namespace GitHost.Ssh.Hosting;

internal sealed partial class SshConnection
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "SSH client {Remote} identifies as {ClientVersion}")]
        public static partial void Connected(ILogger logger, string remote, string clientVersion);

        [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "SSH connection from {Remote} dropped: {Reason} ({Message})")]
        public static partial void ProtocolError(ILogger logger, string remote, SshDisconnectReason reason, string message);

        [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "SSH connection from {Remote} closed: {Why}")]
        public static partial void Closed(ILogger logger, string remote, string why);

        [LoggerMessage(EventId = 7104, Level = LogLevel.Debug, Message = "SSH client {Remote} disconnected")]
        public static partial void ClientDisconnected(ILogger logger, string remote);

        [LoggerMessage(EventId = 7105, Level = LogLevel.Debug, Message = "SSH connection from {Remote} re-keys")]
        public static partial void Rekeying(ILogger logger, string remote);

        [LoggerMessage(EventId = 7106, Level = LogLevel.Warning, Message = "SSH connection from {Remote} ended unauthenticated, and the failed sign-in could not be reported")]
        public static partial void FailureNotReported(ILogger logger, string remote, Exception exception);
    }
}
