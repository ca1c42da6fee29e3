using System.Buffers;
using System.Globalization;
using System.Text;

namespace GitHost.Git.Transport;

/// <summary>
/// Tells, from the first pkt-line of an upload-pack request body, whether git will generate a pack for
/// it: a protocol v2 request names its command first (<c>command=ls-refs</c> lists refs, only
/// <c>command=fetch</c> packs), while every v0 request is a negotiation that may end in a pack.
/// The line read is put back in front of the body, so git reads the request whole.
/// <code>
/// var (packs, body) = await UploadPackRequest.PeekAsync(requestBody, version2: true, ct);
/// </code>
/// </summary>
public static class UploadPackRequest
{
    private const int LengthDigits = 4;
    private const int MaxPktLine = 65_520;

    public static async Task<(bool GeneratesPack, Stream Body)> PeekAsync(Stream body, bool version2, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!version2)
        {
            return (true, body);
        }

        var digits = new byte[LengthDigits];
        var read = await ReadUpToAsync(body, digits, cancellationToken);
        var length = read == LengthDigits
            && int.TryParse(Encoding.ASCII.GetString(digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var parsed)
            && parsed is > LengthDigits and <= MaxPktLine
                ? parsed
                : 0;
        var head = new byte[Math.Max(length, LengthDigits)];
        digits.AsSpan(0, read).CopyTo(head);
        if (length > 0)
        {
            read += await ReadUpToAsync(body, head.AsMemory(LengthDigits), cancellationToken);
        }

        // Anything but a whole "command=<name>" line is left for git to refuse; judged as a fetch, it waits its turn like one.
        var command = length > 0 && read == length ? Encoding.ASCII.GetString(head, LengthDigits, length - LengthDigits).TrimEnd('\n') : "command=fetch";
        return (command == "command=fetch", new PrefixedReadStream(head.AsMemory(0, read), body));
    }

    /// <summary>
    /// The whole body when it is at most <paramref name="limit"/> bytes (null otherwise), and a stream
    /// that reads the body from its start either way.
    /// </summary>
    public static async Task<(byte[]? Whole, Stream Body)> ReadWholeAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Rented: every upload-pack POST passes here, and most bodies are a few hundred bytes.
        var rented = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var read = await ReadUpToAsync(body, rented.AsMemory(0, limit + 1), cancellationToken);
            var copy = rented[..read];
            return read <= limit
                ? (copy, new MemoryStream(copy, writable: false))
                : (null, new PrefixedReadStream(copy, body));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static async Task<int> ReadUpToAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer[total..], cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
