using GitHost.Ssh.Crypto;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Transport;

/// <summary>
/// The packet stream shared by the connection's read loop and its channel writers. Writes are
/// serialized; while a key exchange is in progress (from our KEXINIT to our NEWKEYS) only key
/// exchange messages may be sent (RFC 4253 §7.1), so other writers wait here for it to finish.
/// </summary>
internal sealed class SshTransport(SshPacketStream packets)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private TaskCompletionSource _kexDone = NewCompleted();
    private byte[]? _pendingServerKexInit;

    public SshPacketStream Packets => packets;

    public byte[]? SessionId { get; set; }

    public ValueTask<(byte[] Payload, uint Sequence)> ReadAsync(CancellationToken cancellationToken) => packets.ReadAsync(cancellationToken);

    /// <summary>Sends an application message, waiting out any key exchange in progress.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _writeLock.WaitAsync(cancellationToken);
            var kex = _kexDone.Task;
            if (kex.IsCompleted)
            {
                try
                {
                    await packets.WriteAsync(payload, cancellationToken);
                    return;
                }
                finally
                {
                    _writeLock.Release();
                }
            }

            _writeLock.Release();
            await kex.WaitAsync(cancellationToken);
        }
    }

    public Task SendAsync(SshWriter message, CancellationToken cancellationToken) => SendAsync(message.Written, cancellationToken);

    /// <summary>Sends a key exchange message (allowed while the exchange holds other writers back).</summary>
    public async Task SendKexAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await packets.WriteAsync(payload, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends our KEXINIT unless it is already out, and holds application writes until <see cref="CompleteKeyExchange"/>; returns the KEXINIT payload sent.</summary>
    public async Task<byte[]> StartKeyExchangeAsync(IEnumerable<string> hostKeyAlgorithms, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (_pendingServerKexInit is null)
            {
                _pendingServerKexInit = KexInit.BuildServer(hostKeyAlgorithms);
                _kexDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await packets.WriteAsync(_pendingServerKexInit, cancellationToken);
            }

            return _pendingServerKexInit;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public bool KeyExchangeInProgress => _pendingServerKexInit is not null;

    /// <summary>Sends NEWKEYS and switches the outgoing cipher in one step, so no packet slips between them.</summary>
    public async Task SendNewKeysAsync(IPacketCipher cipher, bool strict, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await packets.WriteAsync(new[] { SshMessage.NewKeys }, cancellationToken);
            packets.SwitchWriteCipher(cipher, strict);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void CompleteKeyExchange()
    {
        _pendingServerKexInit = null;
        _kexDone.TrySetResult();
    }

    private static TaskCompletionSource NewCompleted()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
