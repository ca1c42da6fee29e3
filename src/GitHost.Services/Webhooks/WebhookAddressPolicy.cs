using System.Net;
using System.Net.Sockets;
using GitHost.Core.Failures;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Which addresses a webhook may reach. Checked on the URL when a hook is saved and again on every
/// resolved address at connect time, so a name that later resolves to 127.0.0.1 (DNS rebinding)
/// is refused too.
/// </summary>
public sealed class WebhookAddressPolicy(IOptionsMonitor<WebhookOptions> options)
{
    /// <summary>Null when allowed, else why not (shown in the delivery history).</summary>
    public string? RefusalFor(IPAddress address)
    {
        var settings = options.CurrentValue;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return settings.AllowLoopback ? null : Refused(address, "a loopback address", "AllowLoopback");
        }

        if (IsLinkLocal(address))
        {
            return settings.AllowLinkLocal ? null : Refused(address, "a link-local or cloud metadata address", "AllowLinkLocal");
        }

        if (IsUnroutable(address))
        {
            return $"Webhook deliveries to {address} are refused: it is not a unicast address.";
        }

        if (IsPrivate(address))
        {
            return settings.AllowPrivateNetworks ? null : Refused(address, "a private network address", "AllowPrivateNetworks");
        }

        return null;
    }

    /// <summary>The URL a hook may be saved with: absolute http(s), and not a refused literal address.</summary>
    public Uri ValidUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw GitHostException.Invalid("A webhook needs a URL.", "url");
        }

        if (url.Length > WebhookInput.MaxUrlLength)
        {
            throw GitHostException.Invalid($"A webhook URL has at most {WebhookInput.MaxUrlLength} characters.", "url");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw GitHostException.Invalid($"'{WebhookInput.Truncate(url)}' is not an http or https URL.", "url");
        }

        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) && RefusalFor(literal) is { } refusal)
        {
            throw GitHostException.Invalid(refusal, "url");
        }

        if (uri.IsLoopback && !options.CurrentValue.AllowLoopback)
        {
            throw GitHostException.Invalid($"Webhook deliveries to {uri.Host} are refused: it is a loopback address. An administrator can allow it with GitHost:Webhooks:AllowLoopback.", "url");
        }

        return uri;
    }

    private static string Refused(IPAddress address, string what, string setting) =>
        $"Webhook deliveries to {address} are refused: it is {what}. An administrator can allow it with GitHost:Webhooks:{setting}.";

    private static bool IsLinkLocal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 169 && b[1] == 254;
    }

    private static bool IsUnroutable(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.Equals(IPAddress.IPv6Any) || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] == 0 || b[0] >= 224;
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}
