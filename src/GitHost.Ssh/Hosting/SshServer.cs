using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Ssh.Hosting;

/// <summary>
/// GitHost's embedded SSH server: a TCP listener and one task per connection. Connections beyond
/// MaxConnections are closed at once, so a flood of half-open clients cannot starve memory;
/// unauthenticated ones are further limited per source address and dropped early at random
/// (<see cref="StartupLimiter"/>), so one hostile client cannot take every slot; each of those
/// that got in is closed by its handshake timeout.
/// </summary>
/// <example>
/// <code>
/// var server = new SshServer(Options.Create(new SshServerOptions { Port = 0, HostKeyDirectory = dir }), authenticator, handler, logger);
/// await server.StartAsync(ct);   // server.LocalEndPoint has the port, server.HostKeys the fingerprints
/// await server.StopAsync(ct);
/// </code>
/// </example>
public sealed partial class SshServer(
    IOptions<SshServerOptions> options, ISshAuthenticator authenticator, ISshCommandHandler handler, ILogger<SshServer> logger, TimeProvider? time = null)
    : IAsyncDisposable
{
    private readonly SshServerOptions _options = options.Value;
    private readonly StartupLimiter _startups = new(options.Value, Random.Shared.NextDouble);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<System.Net.IPNetwork> _proxyNetworks = [.. options.Value.ProxyProtocolFrom.Select(e => SshServerOptions.ProxyNetwork(e)!.Value)];
    private Socket? _listener;
    private Task? _acceptLoop;
    private long _nextConnectionId;

    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    public SshHostKeys? HostKeys { get; private set; }

    public int ActiveConnections => _connections.Count;

    /// <summary>Connections accepted that have not authenticated yet.</summary>
    public int UnauthenticatedConnections => _startups.Unauthenticated;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        HostKeys = SshHostKeys.LoadOrCreate(_options.HostKeyDirectory);
        var endPoint = new IPEndPoint(IPAddress.Parse(_options.ListenAddress), _options.Port);
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(endPoint);
        _listener.Listen(128);
        foreach (var key in HostKeys.Describe())
        {
            Log.Listening(logger, LocalEndPoint!.ToString(), key.Algorithm, key.Fingerprint);
        }

        _acceptLoop = AcceptLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_acceptLoop is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener?.Dispose();
        await _acceptLoop.WaitAsync(cancellationToken);
        await Task.WhenAll(_connections.Values).WaitAsync(cancellationToken);
        _acceptLoop = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(stopping);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            if (_connections.Count >= _options.MaxConnections)
            {
                Log.TooManyConnections(logger, socket.RemoteEndPoint?.ToString() ?? "?", _options.MaxConnections);
                socket.Dispose();
                continue;
            }

            var source = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
            if (_startups.TryAdmit(source, out var refusal) is not { } slot)
            {
                Log.StartupRefused(logger, socket.RemoteEndPoint?.ToString() ?? "?", refusal!);
                socket.Dispose();
                continue;
            }

            var id = Interlocked.Increment(ref _nextConnectionId);
            _connections[id] = RunConnectionAsync(id, socket, slot, stopping);
        }
    }

    /// <summary>
    /// The client's address from the balancer's PROXY header, the balancer's own for its health checks
    /// (a LOCAL header), or null when the connection is refused: not from a listed balancer, or no
    /// valid header within the handshake timeout.
    /// </summary>
    private async Task<IPEndPoint?> ClientBehindProxyAsync(Stream stream, IPEndPoint? balancer, CancellationToken stopping)
    {
        if (_proxyNetworks.Count > 0 && (balancer is null || !_proxyNetworks.Any(n => n.Contains(balancer.Address.IsIPv4MappedToIPv6 ? balancer.Address.MapToIPv4() : balancer.Address))))
        {
            Log.ProxyRefused(logger, balancer?.ToString() ?? "?", "not a balancer listed in GitHost:Ssh:ProxyProtocolFrom");
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.HandshakeTimeoutSeconds));
        try
        {
            return await ProxyProtocolHeader.ReadAsync(stream, timeout.Token) ?? balancer;
        }
        catch (Exception exception) when (exception is InvalidDataException || (exception is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            Log.ProxyRefused(logger, balancer?.ToString() ?? "?", exception is InvalidDataException ? exception.Message : "no PROXY header within the handshake timeout");
            return null;
        }
    }

    private async Task RunConnectionAsync(long id, Socket socket, StartupLimiter.StartupSlot slot, CancellationToken stopping)
    {
        using var startup = slot;
        await Task.Yield();
        try
        {
            socket.NoDelay = true;
            var stream = new NetworkStream(socket, ownsSocket: true);
            var client = socket.RemoteEndPoint as IPEndPoint;
            if (_options.ProxyProtocol)
            {
                client = await ClientBehindProxyAsync(stream, client, stopping);
                if (client is null)
                {
                    return;
                }
            }

            var connection = new SshConnection(stream, client?.ToString() ?? "?", client?.Address, _options, HostKeys!, authenticator, handler, _time, logger, startup.Release);
            await connection.RunAsync(stopping);
        }
        catch (Exception exception)
        {
            Log.ConnectionFailed(logger, exception);
        }
        finally
        {
            socket.Dispose();
            _connections.TryRemove(id, out _);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "SSH listening on {EndPoint} with host key {Algorithm} {Fingerprint}")]
        public static partial void Listening(ILogger logger, string endPoint, string algorithm, string fingerprint);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "SSH connection from {Remote} refused: {MaxConnections} connections already open")]
        public static partial void TooManyConnections(ILogger logger, string remote, int maxConnections);

        [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "SSH connection from {Remote} refused before the handshake: {Why}")]
        public static partial void StartupRefused(ILogger logger, string remote, string why);

        [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "SSH connection from {Remote} refused: {Why}")]
        public static partial void ProxyRefused(ILogger logger, string remote, string why);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "SSH connection failed unexpectedly")]
        public static partial void ConnectionFailed(ILogger logger, Exception exception);
    }
}
