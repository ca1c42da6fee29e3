using System.Threading.Channels;

namespace GitHost.Ssh.Connection;

/// <summary>
/// The command's stdin: the client's CHANNEL_DATA in arrival order, 0 at the client's EOF. Bytes
/// handed to the reader are reported back so the channel can re-open the client's window; data
/// the command has not read yet stays bounded by that window.
/// </summary>
internal sealed class ChannelInputStream(Func<int, CancellationToken, ValueTask> consumed) : Stream
{
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private ReadOnlyMemory<byte> _current;

    public void Enqueue(byte[] data) => _queue.Writer.TryWrite(data);

    public void Complete() => _queue.Writer.TryComplete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current.IsEmpty)
        {
            if (!await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            _queue.Reader.TryRead(out var next);
            _current = next;
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        await consumed(count, cancellationToken);
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read stdin asynchronously.");

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
