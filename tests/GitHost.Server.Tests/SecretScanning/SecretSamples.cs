namespace GitHost.Server.Tests.SecretScanning;

/// <summary>
/// Secret-shaped test values, assembled at run time so this source file itself never trips a scanner.
/// They are AWS's documented example key and a truncated, useless PEM block.
/// </summary>
internal static class SecretSamples
{
    public static readonly string AwsKeyId = "AKIA" + "IOSFODNN7EXAMPLE";

    public static readonly string PemHeader = "-----BEGIN " + "RSA PRIVATE KEY-----";

    public static string PemFile => PemHeader + "\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END " + "RSA PRIVATE KEY-----\n";

    public static string AwsConfig => "[default]\naws_access_key_id = " + AwsKeyId + "\nregion = eu-west-1\n";
}
