namespace GitHost.Core.Ssh;

/// <summary>The public key algorithms GitHost accepts, and Bitbucket's names for them.</summary>
public static class SshKeyAlgorithms
{
    public const string Ed25519 = "ssh-ed25519";
    public const string Rsa = "ssh-rsa";
    public const string EcdsaP256 = "ecdsa-sha2-nistp256";
    public const string EcdsaP384 = "ecdsa-sha2-nistp384";
    public const string EcdsaP521 = "ecdsa-sha2-nistp521";
    public const string SkEd25519 = "sk-ssh-ed25519@openssh.com";
    public const string SkEcdsaP256 = "sk-ecdsa-sha2-nistp256@openssh.com";

    /// <summary>Smallest RSA modulus accepted; 1024-bit keys are factorable by well-funded attackers.</summary>
    public const int MinRsaBits = 2048;

    /// <summary>Largest RSA modulus accepted (OpenSSH's own limit).</summary>
    public const int MaxRsaBits = 16384;

    public static IReadOnlyList<string> Supported { get; } = [Ed25519, EcdsaP256, EcdsaP384, EcdsaP521, Rsa, SkEd25519, SkEcdsaP256];

    public static string TypeName(string algorithm) => algorithm switch
    {
        Rsa => "RSA",
        Ed25519 => "ED25519",
        EcdsaP256 or EcdsaP384 or EcdsaP521 => "ECDSA",
        SkEd25519 => "ED25519_SK",
        SkEcdsaP256 => "ECDSA_SK",
        _ => algorithm,
    };
}
