using GitHost.Testing;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>Servers that may deliver to loopback (the test receiver), retry within a second, and give up after a few attempts.</summary>
public sealed class WebhookServers() : ServerPerProvider(Settings)
{
    public static Dictionary<string, string?> Settings => new()
    {
        ["GitHost:Webhooks:AllowLoopback"] = "true",
        ["GitHost:Webhooks:InitialBackoff"] = "00:00:00.050",
        ["GitHost:Webhooks:MaxBackoff"] = "00:00:00.300",
        ["GitHost:Webhooks:PollInterval"] = "00:00:00.500",
        ["GitHost:Webhooks:MaxAttempts"] = "6",
        ["GitHost:Webhooks:RequestTimeout"] = "00:00:05",
    };
}
