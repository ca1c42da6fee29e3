using Microsoft.Extensions.Logging;

namespace GitHost.Ssh.Connection;

internal sealed partial class ConnectionService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "SSH command for {Identity}: {Command}")]
        public static partial void CommandStarted(ILogger logger, string identity, string command);

        [LoggerMessage(EventId = 7302, Level = LogLevel.Information, Message = "SSH command {Command} exited with {ExitStatus}")]
        public static partial void CommandFinished(ILogger logger, string command, int exitStatus);

        [LoggerMessage(EventId = 7303, Level = LogLevel.Information, Message = "SSH command {Command} ended because the channel closed")]
        public static partial void CommandAborted(ILogger logger, string command);

        [LoggerMessage(EventId = 7304, Level = LogLevel.Error, Message = "SSH command {Command} failed")]
        public static partial void CommandFailed(ILogger logger, Exception exception, string command);

        [LoggerMessage(EventId = 7305, Level = LogLevel.Information, Message = "SSH channel request {RequestType} refused")]
        public static partial void RequestRefused(ILogger logger, string requestType);

        [LoggerMessage(EventId = 7306, Level = LogLevel.Information, Message = "SSH channel type {ChannelType} refused")]
        public static partial void ChannelRefused(ILogger logger, string channelType);

        [LoggerMessage(EventId = 7307, Level = LogLevel.Debug, Message = "SSH global request {RequestName} refused")]
        public static partial void GlobalRequestRefused(ILogger logger, string requestName);
    }
}
