namespace GitHost.Ssh.Transport;

/// <summary>When the server asks for new keys: after RekeyAfterBytes in either direction or RekeyAfterSeconds, whichever comes first.</summary>
internal sealed class RekeySchedule(SshPacketStream packets, SshServerOptions options, TimeProvider time)
{
    private long _bytesAtLastKex = packets.BytesRead + packets.BytesWritten;
    private long _timestampAtLastKex = time.GetTimestamp();

    public bool Due =>
        packets.BytesRead + packets.BytesWritten - _bytesAtLastKex > options.RekeyAfterBytes
        || time.GetElapsedTime(_timestampAtLastKex).TotalSeconds > options.RekeyAfterSeconds;

    public void Reset()
    {
        _bytesAtLastKex = packets.BytesRead + packets.BytesWritten;
        _timestampAtLastKex = time.GetTimestamp();
    }
}
