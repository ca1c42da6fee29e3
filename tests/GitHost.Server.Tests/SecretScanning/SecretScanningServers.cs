using GitHost.Testing;

namespace GitHost.Server.Tests.SecretScanning;

/// <summary>
/// Servers with SSH on and a small patch-size bound (4 MB), so the large-push test reaches it quickly
/// whatever size it is told to push.
/// </summary>
public sealed class SecretScanningServers() : ServerPerProvider(new Dictionary<string, string?>
{
    ["GitHost:Ssh:Enabled"] = "true",
    ["GitHost:SecretScanning:MaxBytes"] = (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
});
