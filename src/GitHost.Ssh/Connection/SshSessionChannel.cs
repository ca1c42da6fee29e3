using GitHost.Ssh.Protocol;
using GitHost.Ssh.Transport;

namespace GitHost.Ssh.Connection;

/// <summary>
/// One "session" channel (RFC 4254 §6) and its flow control (§5.2). The client's window (what
/// we may send) grows with its WINDOW_ADJUST and shrinks as stdout/stderr go out; writers wait
/// while it is 0. Our window (what the client may send) starts at the configured size, shrinks with
/// each CHANNEL_DATA (more than it allows is a protocol error) and is re-opened as the command
/// reads stdin.
/// </summary>
internal sealed class SshSessionChannel
{
    public const int LocalMaxPacket = 32 * 1024;

    private readonly SshTransport _transport;
    private readonly uint _windowSize;
    private readonly object _gate = new();
    private long _remoteWindow;
    private long _localWindow;
    private long _unacknowledged;
    private TaskCompletionSource _windowOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SshSessionChannel(SshTransport transport, uint localId, uint remoteId, uint remoteWindow, uint remoteMaxPacket, uint windowSize)
    {
        _transport = transport;
        LocalId = localId;
        RemoteId = remoteId;
        _remoteWindow = remoteWindow;
        RemoteMaxPacket = (int)Math.Min(remoteMaxPacket, LocalMaxPacket);
        _windowSize = windowSize;
        _localWindow = windowSize;
        Stdin = new ChannelInputStream(AcknowledgeAsync);
        Stdout = new ChannelOutputStream((data, ct) => SendDataAsync(null, data, ct));
        Stderr = new ChannelOutputStream((data, ct) => SendDataAsync(1, data, ct));
    }

    public uint LocalId { get; }

    public uint RemoteId { get; }

    public int RemoteMaxPacket { get; }

    public ChannelInputStream Stdin { get; }

    public ChannelOutputStream Stdout { get; }

    public ChannelOutputStream Stderr { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public CancellationTokenSource Cancellation { get; } = new();

    public bool CommandStarted { get; set; }

    public string? Command { get; set; }

    public bool CloseReceived { get; private set; }

    public bool CloseSent { get; private set; }

    public void AddRemoteWindow(uint bytes)
    {
        lock (_gate)
        {
            _remoteWindow = Math.Min(_remoteWindow + bytes, uint.MaxValue);
            _windowOpened.TrySetResult();
        }
    }

    /// <summary>Takes the client's CHANNEL_DATA for stdin, refusing more than the window it was given.</summary>
    public void Receive(byte[] data)
    {
        if (data.Length > LocalMaxPacket || Interlocked.Add(ref _localWindow, -data.Length) < 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "The client sent more channel data than the window allows.");
        }

        Stdin.Enqueue(data);
    }

    /// <summary>The client's extended data is not used; only its window is accounted and returned.</summary>
    public async Task DiscardAsync(int length, CancellationToken cancellationToken)
    {
        if (length > LocalMaxPacket || Interlocked.Add(ref _localWindow, -length) < 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "The client sent more channel data than the window allows.");
        }

        await AcknowledgeAsync(length, cancellationToken);
    }

    public void MarkCloseReceived()
    {
        lock (_gate)
        {
            CloseReceived = true;
            _windowOpened.TrySetResult();
        }

        Stdin.Complete();
        Cancellation.Cancel();
    }

    /// <summary>Sends CLOSE once; returns false when it had already been sent.</summary>
    public async Task<bool> SendCloseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (CloseSent)
            {
                return false;
            }

            CloseSent = true;
        }

        await _transport.SendAsync(new SshWriter(SshMessage.ChannelClose).WriteUInt32(RemoteId), cancellationToken);
        return true;
    }

    public Task SendMessageAsync(SshWriter message, CancellationToken cancellationToken) => _transport.SendAsync(message, cancellationToken);

    private async Task SendDataAsync(uint? extendedType, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            int chunk;
            Task wait;
            lock (_gate)
            {
                if (CloseReceived || CloseSent)
                {
                    throw new IOException("The SSH channel is closed.");
                }

                chunk = (int)Math.Min(Math.Min(data.Length, RemoteMaxPacket), _remoteWindow);
                if (chunk > 0)
                {
                    _remoteWindow -= chunk;
                }
                else if (_windowOpened.Task.IsCompleted)
                {
                    _windowOpened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wait = _windowOpened.Task;
            }

            if (chunk == 0)
            {
                await wait.WaitAsync(cancellationToken);
                continue;
            }

            // Message number, channel, [type,] length, data.
            var message = extendedType is { } type
                ? new SshWriter(SshMessage.ChannelExtendedData, 13 + chunk).WriteUInt32(RemoteId).WriteUInt32(type).WriteBinary(data.Span[..chunk])
                : new SshWriter(SshMessage.ChannelData, 9 + chunk).WriteUInt32(RemoteId).WriteBinary(data.Span[..chunk]);
            await _transport.SendAsync(message, cancellationToken);
            data = data[chunk..];
        }
    }

    /// <summary>Re-opens the client's window once half of it has been consumed, in one WINDOW_ADJUST.</summary>
    private async ValueTask AcknowledgeAsync(int count, CancellationToken cancellationToken)
    {
        var pending = Interlocked.Add(ref _unacknowledged, count);
        if (pending < _windowSize / 2 || CloseReceived)
        {
            return;
        }

        Interlocked.Add(ref _unacknowledged, -pending);
        Interlocked.Add(ref _localWindow, pending);
        await _transport.SendAsync(new SshWriter(SshMessage.ChannelWindowAdjust).WriteUInt32(RemoteId).WriteUInt32((uint)pending), cancellationToken);
    }
}
