namespace GitHost.Git.Transport;

/// <summary>
/// The <c>Git-Protocol</c> request header (or SSH's <c>GIT_PROTOCOL</c> variable), which becomes
/// git's <c>GIT_PROTOCOL</c>. git defines it as colon-separated <c>key</c> or <c>key=value</c>
/// tokens (<c>version=2</c>, <c>version=2:object-format=sha256</c>); anything else is dropped rather
/// than passed to git, so a client can never smuggle other text into a process environment.
/// </summary>
public static class GitProtocolHeader
{
    public const int MaxLength = 256;

    /// <summary>The value to forward, or null when the header is absent or not of that shape.</summary>
    public static string? Sanitize(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > MaxLength)
        {
            return null;
        }

        foreach (var token in header.Split(':'))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? token : token[..equals];
            var value = equals < 0 ? "" : token[(equals + 1)..];
            if (key.Length == 0 || !key.All(IsKeyChar) || !value.All(IsValueChar))
            {
                return null;
            }
        }

        return header;
    }

    /// <summary>Whether the client asked for protocol v2 (the server then skips the <c># service=</c> preamble, as git-http-backend does).</summary>
    public static bool IsVersion2(string? sanitized) =>
        sanitized is not null && sanitized.Split(':').Contains("version=2", StringComparer.Ordinal);

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static bool IsValueChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
