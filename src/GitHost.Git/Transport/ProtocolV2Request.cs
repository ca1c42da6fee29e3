using System.Globalization;
using System.Text;

namespace GitHost.Git.Transport;

/// <summary>
/// Reads one protocol v2 request from a conversation (git over SSH): pkt-lines up to and including the
/// flush-pkt that ends it (<c>command=...</c>, capabilities, delim-pkt, arguments, flush-pkt). A session
/// ends at end of input or with a flush-pkt where a command would start (null). Anything else is a
/// <see cref="InvalidDataException"/> with a message the client can be shown.
/// <code>
/// while (await ProtocolV2Request.ReadAsync(stdin, maxBytes, ct) is { } request) { /* answer it */ }
/// </code>
/// </summary>
public static class ProtocolV2Request
{
    private const int MaxPktLine = 65_520;

    public static async Task<(byte[] Body, string Command)?> ReadAsync(Stream input, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var request = new MemoryStream();
        var header = new byte[4];
        string? command = null;
        while (true)
        {
            var read = await ReadFullyAsync(input, header, cancellationToken);
            if (read == 0 && request.Length == 0)
            {
                return null;
            }

            if (read < header.Length || !int.TryParse(Encoding.ASCII.GetString(header), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var length)
                || length is 2 or 3 or > MaxPktLine)
            {
                throw new InvalidDataException("protocol error: bad pkt-line in the request.");
            }

            if (length == 0 && command is null)
            {
                // A flush-pkt instead of a command: the client is done.
                return null;
            }

            request.Write(header);
            if (length == 0)
            {
                return (request.ToArray(), command!);
            }

            if (length == 1)
            {
                continue;
            }

            var payload = new byte[length - 4];
            if (await ReadFullyAsync(input, payload, cancellationToken) < payload.Length)
            {
                throw new InvalidDataException("protocol error: the request ended inside a pkt-line.");
            }

            request.Write(payload);
            if (request.Length > maxBytes)
            {
                throw new InvalidDataException($"protocol error: the request is larger than {maxBytes} bytes.");
            }

            command ??= Encoding.ASCII.GetString(payload).TrimEnd('\n') is var first && first.StartsWith("command=", StringComparison.Ordinal)
                ? first["command=".Length..]
                : throw new InvalidDataException("protocol error: a request must start with command=<name>.");
        }
    }

    private static async Task<int> ReadFullyAsync(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await input.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
