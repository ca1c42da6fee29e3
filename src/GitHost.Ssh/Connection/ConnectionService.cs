using GitHost.Ssh.Protocol;
using GitHost.Ssh.Transport;
using Microsoft.Extensions.Logging;

namespace GitHost.Ssh.Connection;

/// <summary>
/// The "ssh-connection" service (RFC 4254) after authentication: session channels with exec and
/// env only. Everything else (shell, pty, subsystem, X11, agent, port forwarding, keepalive) is
/// answered FAILURE / OPEN_FAILURE, with a line on stderr where the user would otherwise see
/// nothing useful. Runs on the connection's read loop; commands run on their own tasks.
/// </summary>
internal sealed partial class ConnectionService(
    SshTransport transport, SshIdentity identity, ISshCommandHandler handler, SshServerOptions options, ILogger logger, CancellationToken connectionToken)
{
    private readonly Dictionary<uint, SshSessionChannel> _channels = [];
    private readonly List<Task> _commands = [];
    private uint _nextChannelId;

    /// <summary>Commands still running, awaited when the connection ends.</summary>
    public Task AllCommandsAsync() { lock (_channels) { return Task.WhenAll(_commands.ToArray()); } }

    public async Task HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload);
        var number = reader.ReadByte();
        switch (number)
        {
            case SshMessage.GlobalRequest:
                var name = reader.ReadString();
                var wantReply = reader.ReadBoolean();
                Log.GlobalRequestRefused(logger, name);
                if (wantReply)
                {
                    await transport.SendAsync(new SshWriter(SshMessage.RequestFailure), cancellationToken);
                }

                break;
            case SshMessage.ChannelOpen:
                await OpenAsync(ref reader, cancellationToken);
                break;
            case SshMessage.ChannelWindowAdjust:
                var adjusted = Find(reader.ReadUInt32());
                adjusted?.AddRemoteWindow(reader.ReadUInt32());
                break;
            case SshMessage.ChannelData:
                var target = Find(reader.ReadUInt32());
                var data = reader.ReadBinaryArray();
                target?.Receive(data);
                break;
            case SshMessage.ChannelExtendedData:
                var extended = Find(reader.ReadUInt32());
                reader.ReadUInt32();
                var length = reader.ReadBinary().Length;
                if (extended is not null)
                {
                    await extended.DiscardAsync(length, cancellationToken);
                }

                break;
            case SshMessage.ChannelEof:
                Find(reader.ReadUInt32())?.Stdin.Complete();
                break;
            case SshMessage.ChannelClose:
                await CloseAsync(reader.ReadUInt32(), cancellationToken);
                break;
            case SshMessage.ChannelRequest:
                await RequestAsync(ref reader, cancellationToken);
                break;
            case SshMessage.ChannelSuccess or SshMessage.ChannelFailure or SshMessage.RequestSuccess or SshMessage.RequestFailure:
                break;
            default:
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"Unexpected message {number} on the connection.");
        }
    }

    /// <summary>Cancels every command (connection lost or server stopping).</summary>
    public void CancelAll()
    {
        lock (_channels)
        {
            foreach (var channel in _channels.Values)
            {
                channel.MarkCloseReceived();
            }
        }
    }

    private Task OpenAsync(ref SshReader reader, CancellationToken cancellationToken)
    {
        var type = reader.ReadString();
        var sender = reader.ReadUInt32();
        var window = reader.ReadUInt32();
        var maxPacket = reader.ReadUInt32();
        if (type != "session")
        {
            Log.ChannelRefused(logger, type);
            return SendOpenFailureAsync(sender, 1, ChannelRequests.NoForwarding, cancellationToken);
        }

        SshSessionChannel channel;
        lock (_channels)
        {
            if (_channels.Count >= options.MaxChannelsPerConnection)
            {
                return SendOpenFailureAsync(sender, 4, $"At most {options.MaxChannelsPerConnection} channels per connection.", cancellationToken);
            }

            channel = new SshSessionChannel(transport, _nextChannelId++, sender, window, maxPacket, (uint)options.ChannelWindowSize);
            _channels[channel.LocalId] = channel;
        }

        return transport.SendAsync(
            new SshWriter(SshMessage.ChannelOpenConfirmation).WriteUInt32(sender).WriteUInt32(channel.LocalId)
                .WriteUInt32((uint)options.ChannelWindowSize).WriteUInt32(SshSessionChannel.LocalMaxPacket),
            cancellationToken);
    }

    private Task SendOpenFailureAsync(uint sender, uint reason, string description, CancellationToken cancellationToken) =>
        transport.SendAsync(
            new SshWriter(SshMessage.ChannelOpenFailure).WriteUInt32(sender).WriteUInt32(reason).WriteString(description).WriteString(""),
            cancellationToken);

    private Task RequestAsync(ref SshReader reader, CancellationToken cancellationToken)
    {
        var channel = Find(reader.ReadUInt32());
        var type = reader.ReadString();
        var wantReply = reader.ReadBoolean();
        if (channel is null)
        {
            return Task.CompletedTask;
        }

        var (accepted, refusal) = type switch
        {
            "exec" => (StartCommand(channel, reader.ReadString()), null),
            "env" => (AcceptEnvironment(channel, reader.ReadString(), reader.ReadString()), null),
            "shell" => (StartCommand(channel, type), ChannelRequests.NoShell),
            "subsystem" => (StartCommand(channel, $"{type} {reader.ReadString()}"), ChannelRequests.NoSubsystem),
            _ => (false, (string?)null),
        };
        return AnswerAsync(channel, type, wantReply, accepted, refusal, cancellationToken);
    }

    /// <summary>
    /// Shell and subsystem requests are accepted only to run a refusal that prints why and exits 1
    /// (as GitHub does): OpenSSH drops stderr that arrives with a FAILURE reply, so a bare FAILURE
    /// would leave the user with "shell request failed" and no reason.
    /// </summary>
    private async Task AnswerAsync(SshSessionChannel channel, string type, bool wantReply, bool accepted, string? refusal, CancellationToken cancellationToken)
    {
        if (!accepted || refusal is not null)
        {
            Log.RequestRefused(logger, type);
        }

        if (wantReply)
        {
            await channel.SendMessageAsync(new SshWriter(accepted ? SshMessage.ChannelSuccess : SshMessage.ChannelFailure).WriteUInt32(channel.RemoteId), cancellationToken);
        }

        if (accepted && channel.Command is { } command)
        {
            var runner = refusal is null ? handler : new RefusalCommand(refusal);
            lock (_channels)
            {
                _commands.Add(Task.Run(() => RunCommandAsync(channel, runner, command), CancellationToken.None));
            }
        }
    }

    private static bool AcceptEnvironment(SshSessionChannel channel, string name, string value)
    {
        if (name != ChannelRequests.GitProtocol || channel.CommandStarted || value.Length > 256)
        {
            return false;
        }

        channel.Environment[name] = value;
        return true;
    }

    private static bool StartCommand(SshSessionChannel channel, string command)
    {
        if (channel.CommandStarted || command.Length > ChannelRequests.MaxCommandLength || command.Contains('\0'))
        {
            return false;
        }

        channel.CommandStarted = true;
        channel.Command = command;
        return true;
    }

    private async Task RunCommandAsync(SshSessionChannel channel, ISshCommandHandler runner, string command)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(channel.Cancellation.Token, connectionToken);
        var token = linked.Token;
        int status;
        Log.CommandStarted(logger, identity.Name, command);
        try
        {
            status = await runner.RunAsync(identity, command, channel.Environment, new SshChannelStreams(channel.Stdin, channel.Stdout, channel.Stderr), token);
        }
        catch (Exception exception) when (token.IsCancellationRequested || exception is IOException)
        {
            Log.CommandAborted(logger, command);
            return;
        }
        catch (Exception exception)
        {
            Log.CommandFailed(logger, exception, command);
            status = 1;
            await TryAsync(() => channel.Stderr.WriteAsync("GitHost could not run the command; see the server log.\r\n"u8.ToArray(), token).AsTask());
        }

        Log.CommandFinished(logger, command, status);
        await TryAsync(async () =>
        {
            await channel.SendMessageAsync(new SshWriter(SshMessage.ChannelRequest).WriteUInt32(channel.RemoteId).WriteString("exit-status").WriteBoolean(false).WriteUInt32((uint)status), token);
            await channel.SendMessageAsync(new SshWriter(SshMessage.ChannelEof).WriteUInt32(channel.RemoteId), token);
            await channel.SendCloseAsync(token);
        });
        ForgetIfClosed(channel);
    }

    private async Task CloseAsync(uint localId, CancellationToken cancellationToken)
    {
        var channel = Find(localId);
        if (channel is null)
        {
            return;
        }

        channel.MarkCloseReceived();
        await channel.SendCloseAsync(cancellationToken);
        ForgetIfClosed(channel);
    }

    private void ForgetIfClosed(SshSessionChannel channel)
    {
        if (channel.CloseReceived && channel.CloseSent)
        {
            lock (_channels)
            {
                _channels.Remove(channel.LocalId);
            }
        }
    }

    private SshSessionChannel? Find(uint localId)
    {
        lock (_channels)
        {
            return _channels.GetValueOrDefault(localId);
        }
    }

    private static async Task TryAsync(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away while we were finishing; nothing more to tell it.
        }
    }
}
