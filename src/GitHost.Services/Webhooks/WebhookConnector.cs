using System.Net;
using System.Net.Sockets;

namespace GitHost.Services.Webhooks;

/// <summary>
/// The connect step of webhook HTTP clients: resolves the host itself and connects only to an
/// address the policy allows, so the address checked is the address used (no DNS rebinding).
/// </summary>
public sealed class WebhookConnector(WebhookAddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        string? refusal = null;
        Exception? last = null;
        foreach (var address in addresses)
        {
            if (policy.RefusalFor(address) is { } reason)
            {
                refusal ??= reason;
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        if (last is not null)
        {
            throw last;
        }

        throw new WebhookAddressRefusedException(refusal ?? $"{endpoint.Host} resolves to no address.");
    }
}
