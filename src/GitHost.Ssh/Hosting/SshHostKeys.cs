using System.Security.Cryptography;
using GitHost.Ssh.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GitHost.Ssh.Hosting;

/// <summary>
/// The server's host keys, kept as PKCS#8 PEM files (mode 0600) in a directory the host passes in
/// and generated on first start: ssh_host_ed25519_key and ssh_host_ecdsa_key, each with an OpenSSH
/// ".pub" beside it for known_hosts. Losing or replacing them makes every client warn of a
/// changed host key, so back them up with the data directory.
/// </summary>
public sealed class SshHostKeys
{
    private const string Ed25519File = "ssh_host_ed25519_key";
    private const string EcdsaFile = "ssh_host_ecdsa_key";

    private SshHostKeys(IReadOnlyList<IHostKey> keys) => Keys = keys;

    internal IReadOnlyList<IHostKey> Keys { get; }

    /// <summary>Algorithm, OpenSSH public key line ("ssh-ed25519 AAAA...") and SHA256 fingerprint of each host key.</summary>
    public IReadOnlyList<SshHostKeyInfo> Describe() =>
        Keys.Select(k => new SshHostKeyInfo(k.Algorithm, $"{k.Algorithm} {Convert.ToBase64String(k.PublicKeyBlob)}", SshFingerprint.Sha256(k.PublicKeyBlob))).ToList();

    public static SshHostKeys LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var ed25519 = LoadOrCreateEd25519(Path.Combine(directory, Ed25519File));
        var ecdsa = LoadOrCreateEcdsa(Path.Combine(directory, EcdsaFile));
        var keys = new SshHostKeys([ed25519, ecdsa]);
        foreach (var (key, file) in new[] { (ed25519 as IHostKey, Ed25519File), (ecdsa, EcdsaFile) })
        {
            File.WriteAllText(Path.Combine(directory, file + ".pub"), $"{key.Algorithm} {Convert.ToBase64String(key.PublicKeyBlob)} githost\n");
        }

        return keys;
    }

    private static Ed25519HostKey LoadOrCreateEd25519(string path)
    {
        if (File.Exists(path))
        {
            var der = ReadPem(path);
            return new Ed25519HostKey((Ed25519PrivateKeyParameters)PrivateKeyFactory.CreateKey(der));
        }

        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        WriteSecret(path, PemEncoding.WriteString("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetEncoded()));
        return new Ed25519HostKey(key);
    }

    private static EcdsaP256HostKey LoadOrCreateEcdsa(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return new EcdsaP256HostKey(key);
        }

        WriteSecret(path, key.ExportPkcs8PrivateKeyPem());
        return new EcdsaP256HostKey(key);
    }

    private static byte[] ReadPem(string path)
    {
        var text = File.ReadAllText(path);
        var fields = PemEncoding.Find(text);
        return Convert.FromBase64String(text[fields.Base64Data]);
    }

    private static void WriteSecret(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(pem);
    }
}
