using GitHost.Ssh.Auth;
using GitHost.Ssh.Connection;
using GitHost.Ssh.Protocol;
using GitHost.Ssh.Transport;
using Microsoft.Extensions.Logging;

namespace GitHost.Ssh.Hosting;

/// <summary>
/// One client connection from accept to close: version exchange, initial key exchange, then one
/// read loop dispatching transport, auth and connection messages (re-keys included). The
/// handshake timer closes the connection unless authentication succeeds in time; the idle timer
/// closes it when nothing arrives for the idle timeout. A connection that tried to authenticate and
/// ends without having done so is reported to the authenticator once, after it closed.
/// </summary>
internal sealed partial class SshConnection(
    Stream stream, string remote, System.Net.IPAddress? clientAddress, SshServerOptions options, SshHostKeys hostKeys, ISshAuthenticator authenticator,
    ISshCommandHandler handler, TimeProvider time, ILogger logger, Action authenticated)
{
    /// <summary>Reporting a failed sign-in must not hold the connection's task (and server stop) for long.</summary>
    private static readonly TimeSpan FailureReportTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _abort = new();
    private string? _abortReason;

    public async Task RunAsync(CancellationToken serverToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverToken, _abort.Token);
        var token = linked.Token;
        using var handshakeTimer = time.CreateTimer(_ => Abort("handshake timeout"), null, TimeSpan.FromSeconds(options.HandshakeTimeoutSeconds), Timeout.InfiniteTimeSpan);
        using var idleTimer = time.CreateTimer(_ => Abort("idle timeout"), null, TimeSpan.FromSeconds(options.IdleTimeoutSeconds), Timeout.InfiniteTimeSpan);
        SshTransport? transport = null;
        ConnectionService? connection = null;
        UserAuthentication? auth = null;
        try
        {
            var clientVersion = await VersionExchange.RunAsync(stream, token);
            Log.Connected(logger, remote, clientVersion);
            transport = new SshTransport(new SshPacketStream(stream, options.MaxPacketSize));
            var kex = new KeyExchange(transport, hostKeys.Keys, clientVersion);
            await transport.StartKeyExchangeAsync(hostKeys.Keys.Select(k => k.Algorithm), token);
            var (first, before) = await ReadFirstKexInitAsync(transport, token);
            await kex.RunAsync(first, initial: true, before, token);
            var rekey = new RekeySchedule(transport.Packets, options, time);
            var address = (clientAddress?.IsIPv4MappedToIPv6 == true ? clientAddress.MapToIPv4() : clientAddress)?.ToString();
            auth = new UserAuthentication(transport, authenticator, options.MaxAuthAttempts, address, logger, authenticated);
            var serviceAccepted = false;
            while (true)
            {
                var (payload, sequence) = await transport.ReadAsync(token);
                idleTimer.Change(TimeSpan.FromSeconds(options.IdleTimeoutSeconds), Timeout.InfiniteTimeSpan);
                var number = payload.Length > 0 ? payload[0] : throw new SshProtocolException(SshDisconnectReason.ProtocolError, "Empty message.");
                switch (number)
                {
                    case SshMessage.Disconnect:
                        Log.ClientDisconnected(logger, remote);
                        return;
                    case SshMessage.Ignore or SshMessage.Debug or SshMessage.Unimplemented:
                        break;
                    case SshMessage.KexInit:
                        await kex.RunAsync(payload, initial: false, 0, token);
                        rekey.Reset();
                        break;
                    case SshMessage.ServiceRequest when !serviceAccepted:
                        var service = new SshReader(payload[1..]).ReadString();
                        if (service != "ssh-userauth")
                        {
                            throw new SshProtocolException(SshDisconnectReason.ServiceNotAvailable, $"Service '{service}' is not available.");
                        }

                        serviceAccepted = true;
                        await transport.SendAsync(new SshWriter(SshMessage.ServiceAccept).WriteString(service), token);
                        break;
                    case SshMessage.UserAuthRequest when serviceAccepted:
                        if (connection is null && await auth.HandleAsync(payload, token) is { } identity)
                        {
                            handshakeTimer.Dispose();
                            connection = new ConnectionService(transport, identity, handler, options, logger, token);
                        }

                        break;
                    case >= SshMessage.GlobalRequest and <= 127 when connection is not null:
                        await connection.HandleAsync(payload, token);
                        break;
                    case < SshMessage.GlobalRequest:
                        throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"Unexpected message {number} at this point.");
                    default:
                        await transport.SendAsync(new SshWriter(SshMessage.Unimplemented).WriteUInt32(sequence), token);
                        break;
                }

                if (rekey.Due && !transport.KeyExchangeInProgress)
                {
                    Log.Rekeying(logger, remote);
                    await transport.StartKeyExchangeAsync(hostKeys.Keys.Select(k => k.Algorithm), token);
                }
            }
        }
        catch (SshProtocolException exception)
        {
            Log.ProtocolError(logger, remote, exception.Reason, exception.Message);
            await SendDisconnectAsync(transport, exception.Reason, exception.Message);
        }
        catch (Exception exception) when (exception is SshConnectionClosedException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            Log.Closed(logger, remote, _abortReason ?? (serverToken.IsCancellationRequested ? "server stopping" : "connection closed"));
            if (_abortReason is not null)
            {
                await SendDisconnectAsync(transport, SshDisconnectReason.ByApplication, $"Closed by GitHost: {_abortReason}.");
            }
        }
        finally
        {
            connection?.CancelAll();
            if (connection is not null)
            {
                await connection.AllCommandsAsync();
            }

            await stream.DisposeAsync();
            _abort.Dispose();
            if (connection is null && auth?.Failure is { } failure)
            {
                await ReportFailureAsync(failure);
            }
        }
    }

    private async Task ReportFailureAsync(SshSignInFailure failure)
    {
        // Its own deadline: the connection's token is cancelled by now, and the record is still owed.
        using var timeout = new CancellationTokenSource(FailureReportTimeout);
        try
        {
            await authenticator.SignInFailedAsync(failure, timeout.Token);
        }
        catch (Exception exception)
        {
            Log.FailureNotReported(logger, remote, exception);
        }
    }

    private static async Task<(byte[] Payload, int Before)> ReadFirstKexInitAsync(SshTransport transport, CancellationToken cancellationToken)
    {
        for (var before = 0; ; before++)
        {
            var (payload, _) = await transport.ReadAsync(cancellationToken);
            if (payload[0] == SshMessage.KexInit)
            {
                return (payload, before);
            }

            if (payload[0] is not (SshMessage.Ignore or SshMessage.Debug) || before > 10)
            {
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"Expected KEXINIT, got message {payload[0]}.");
            }
        }
    }

    private void Abort(string reason)
    {
        _abortReason ??= reason;
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    /// <summary>Best effort: the peer may be gone, or a write may be stuck behind a full TCP window.</summary>
    private static async Task SendDisconnectAsync(SshTransport? transport, SshDisconnectReason reason, string description)
    {
        if (transport is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await transport.SendKexAsync(new SshWriter(SshMessage.Disconnect).WriteUInt32((uint)reason).WriteString(description).WriteString("").Written, timeout.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SshProtocolException)
        {
            // Nothing more can be told to this client.
        }
    }
}
