using Microsoft.Win32.SafeHandles;

namespace GitHost.Services.Git.PackCache;

/// <summary>Writes git's stdout straight to the entry's file (no buffer in between) and tells readers after each write.</summary>
internal sealed class EntryWriteStream(SafeFileHandle file, InFlightEntry entry) : Stream
{
    private long _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await RandomAccess.WriteAsync(file, buffer, _position, cancellationToken);
        _position += buffer.Length;
        entry.Advance(buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        RandomAccess.Write(file, buffer.AsSpan(offset, count), _position);
        _position += count;
        entry.Advance(count);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
