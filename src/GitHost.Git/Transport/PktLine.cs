using System.Globalization;
using System.Text;

namespace GitHost.Git.Transport;

/// <summary>git's pkt-line framing: four hex digits of length (including themselves), then the payload; <c>0000</c> flushes.</summary>
public static class PktLine
{
    public static readonly byte[] Flush = "0000"u8.ToArray();

    public static byte[] Encode(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return Encoding.ASCII.GetBytes((bytes.Length + 4).ToString("x4", CultureInfo.InvariantCulture)).Concat(bytes).ToArray();
    }

    /// <summary>The smart-HTTP advertisement preamble: <c>001e# service=git-upload-pack\n0000</c>.</summary>
    public static byte[] ServicePreamble(GitService service) => [.. Encode($"# service={service.WireName()}\n"), .. Flush];
}
