using System.Text;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Transport;

/// <summary>
/// The identification strings of RFC 4253 §4.2. The server speaks first; the client's line must
/// start "SSH-2.0-" (or "SSH-1.99-"), each line is at most 255 bytes with CR LF, and at most
/// <see cref="MaxPreambleLines"/> other lines may come before it. Bytes are read one at a time
/// so nothing past the line is consumed from the stream.
/// </summary>
internal static class VersionExchange
{
    public const string ServerVersion = "SSH-2.0-GitHost_1.0";
    public const int MaxLineLength = 255;
    public const int MaxPreambleLines = 20;

    public static async Task<string> RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(ServerVersion + "\r\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        for (var lines = 0; lines <= MaxPreambleLines; lines++)
        {
            var line = await ReadLineAsync(stream, cancellationToken);
            if (line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                if (!line.StartsWith("SSH-2.0-", StringComparison.Ordinal) && !line.StartsWith("SSH-1.99-", StringComparison.Ordinal))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolVersionNotSupported, "Only SSH protocol 2.0 is supported.");
                }

                return line;
            }
        }

        throw new SshProtocolException(SshDisconnectReason.ProtocolError, "No SSH identification line among the first lines.");
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new byte[MaxLineLength];
        var one = new byte[1];
        var length = 0;
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new Transport.SshConnectionClosedException();
            }

            if (one[0] == '\n')
            {
                var end = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
                // The bytes, not a decoded string: Encoding.ASCII turns every byte >= 0x80 into '?', which would pass.
                if (bytes.AsSpan(0, end).ContainsAnyExceptInRange((byte)0x20, (byte)0x7e))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "The identification line has control or non-ASCII characters.");
                }

                return Encoding.ASCII.GetString(bytes, 0, end);
            }

            if (length == MaxLineLength - 1)
            {
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"An identification line is longer than {MaxLineLength} bytes.");
            }

            bytes[length++] = one[0];
        }
    }
}
