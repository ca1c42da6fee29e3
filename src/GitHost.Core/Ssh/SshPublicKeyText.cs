using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GitHost.Core.Ssh;

/// <summary>
/// Parses one OpenSSH public key line, as in <c>~/.ssh/id_ed25519.pub</c>:
/// <code>ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI… alice@laptop</code>
/// Strictly: a supported algorithm, canonical base64 whose blob names the same algorithm and has
/// exactly the fields that algorithm defines, RSA moduli of at least 2048 bits, no control
/// characters, at most 16 KiB. A pasted private key is refused with a message saying so.
/// <code>
/// if (!SshPublicKeyText.TryParse(body.Text, out var key, out var error))
///     throw GitHostException.Invalid(error, "text");
/// </code>
/// </summary>
public static class SshPublicKeyText
{
    public const int MaxLength = 16 * 1024;

    private const string Unsupported = "Only OpenSSH public keys of type ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa (2048 bits or more), "
        + "sk-ssh-ed25519@openssh.com and sk-ecdsa-sha2-nistp256@openssh.com are accepted; paste the contents of your .pub file.";

    public static bool TryParse(string? text, [NotNullWhen(true)] out SshPublicKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        error = Validate(text, out var fields);
        if (error is not null)
        {
            return false;
        }

        var (algorithm, base64, comment) = fields;
        if (!SshKeyAlgorithms.Supported.Contains(algorithm, StringComparer.Ordinal))
        {
            error = $"'{Shorten(algorithm)}' is not a supported key type. {Unsupported}";
            return false;
        }

        var blob = DecodeBase64(base64);
        if (blob is null)
        {
            error = "The key's base64 text is damaged or incomplete; copy the whole line from your .pub file.";
            return false;
        }

        if (!TryReadBlob(blob, out var parsed, out error))
        {
            return false;
        }

        if (parsed.Algorithm != algorithm)
        {
            error = $"The key says it is {algorithm} but its data is a {parsed.Algorithm} key; the line has been altered.";
            return false;
        }

        key = parsed with { Comment = comment };
        return true;
    }

    /// <summary>Validates a key blob as the SSH server receives it (no text, no comment).</summary>
    public static bool TryReadBlob(byte[] blob, [NotNullWhen(true)] out SshPublicKey? key, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(blob);
        key = null;
        var reader = new SshWireReader(blob);
        if (!reader.TryReadString(out var nameBytes) || !IsPrintableAscii(nameBytes))
        {
            error = "The key data is malformed: it does not start with an algorithm name.";
            return false;
        }

        var name = Encoding.ASCII.GetString(nameBytes);
        var bits = name switch
        {
            SshKeyAlgorithms.Ed25519 => ReadEd25519(ref reader, withApplication: false),
            SshKeyAlgorithms.SkEd25519 => ReadEd25519(ref reader, withApplication: true),
            SshKeyAlgorithms.EcdsaP256 => ReadEcdsa(ref reader, "nistp256", 256, withApplication: false),
            SshKeyAlgorithms.EcdsaP384 => ReadEcdsa(ref reader, "nistp384", 384, withApplication: false),
            SshKeyAlgorithms.EcdsaP521 => ReadEcdsa(ref reader, "nistp521", 521, withApplication: false),
            SshKeyAlgorithms.SkEcdsaP256 => ReadEcdsa(ref reader, "nistp256", 256, withApplication: true),
            SshKeyAlgorithms.Rsa => ReadRsa(ref reader),
            _ => -1,
        };

        if (bits == -1)
        {
            error = $"'{Shorten(name)}' is not a supported key type. {Unsupported}";
            return false;
        }

        if (bits == 0 || !reader.AtEnd)
        {
            error = $"The {name} key data is malformed or truncated; copy the whole line from your .pub file.";
            return false;
        }

        if (name == SshKeyAlgorithms.Rsa && bits is < SshKeyAlgorithms.MinRsaBits or > SshKeyAlgorithms.MaxRsaBits)
        {
            error = $"RSA keys must be {SshKeyAlgorithms.MinRsaBits} to {SshKeyAlgorithms.MaxRsaBits} bits; this one has {bits}. "
                + "Generate a new key with 'ssh-keygen -t ed25519'.";
            return false;
        }

        key = new SshPublicKey(name, blob, bits, null);
        error = null;
        return true;
    }

    private static string? Validate(string? text, out (string Algorithm, string Base64, string? Comment) fields)
    {
        fields = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "A public key is required: paste the contents of your .pub file.";
        }

        if (text.Length > MaxLength)
        {
            return $"The key text is longer than {MaxLength} characters; a public key is one line of a few hundred.";
        }

        if (text.Contains("PRIVATE KEY", StringComparison.OrdinalIgnoreCase))
        {
            return "This is a private key. Never share it: paste the public key instead (the .pub file next to it), "
                + "and consider the private key exposed if it was sent anywhere.";
        }

        var line = text.Trim();
        if (line.Any(c => char.IsControl(c) && c != '\t'))
        {
            return "A public key is a single line without control characters; paste only the one line of your .pub file.";
        }

        var parts = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2)
        {
            return $"The key text must be '<type> <base64> [comment]'. {Unsupported}";
        }

        fields = (parts[0], parts[1], parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null);
        return null;
    }

    /// <summary>Canonical base64 only: re-encoding must give the same text, so a truncated or padded-over value is refused.</summary>
    private static byte[]? DecodeBase64(string base64)
    {
        var buffer = new byte[(base64.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written == 0)
        {
            return null;
        }

        var blob = buffer[..written];
        return Convert.ToBase64String(blob) == base64 ? blob : null;
    }

    private static int ReadEd25519(ref SshWireReader reader, bool withApplication)
    {
        if (!reader.TryReadString(out var point) || point.Length != 32)
        {
            return 0;
        }

        return !withApplication || ReadApplication(ref reader) ? 256 : 0;
    }

    private static int ReadEcdsa(ref SshWireReader reader, string curve, int bits, bool withApplication)
    {
        // The point is uncompressed (0x04 || X || Y), each coordinate the curve's size in bytes.
        var coordinate = (bits + 7) / 8;
        if (!reader.TryReadString(out var curveName) || !curveName.SequenceEqual(Encoding.ASCII.GetBytes(curve))
            || !reader.TryReadString(out var point) || point.Length != 1 + (2 * coordinate) || point[0] != 0x04)
        {
            return 0;
        }

        return !withApplication || ReadApplication(ref reader) ? bits : 0;
    }

    private static int ReadRsa(ref SshWireReader reader)
    {
        // ssh-rsa blob: string "ssh-rsa", mpint e, mpint n.
        if (!reader.TryReadPositiveMpint(out var exponentBits) || exponentBits is < 2 or > 64 || !reader.TryReadPositiveMpint(out var modulusBits))
        {
            return 0;
        }

        return modulusBits;
    }

    /// <summary>Security-key blobs end with the FIDO application string, normally <c>ssh:</c>.</summary>
    private static bool ReadApplication(ref SshWireReader reader) =>
        reader.TryReadString(out var application) && application.Length is > 0 and <= 256 && IsPrintableAscii(application);

    private static bool IsPrintableAscii(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 64)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is < 0x21 or > 0x7e)
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
