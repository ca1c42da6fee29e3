using System.Net.Sockets;
using System.Security.Authentication;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Why an attempt got no answer, as a stable code for the history (<c>errorKind</c>) next to the
/// free-text error: clients filter on the code, people read the text.
/// </summary>
public static class WebhookErrorKinds
{
    public const string Timeout = "TIMEOUT";
    public const string AddressRefused = "ADDRESS_REFUSED";
    public const string ConnectionRefused = "CONNECTION_REFUSED";
    public const string NameResolution = "NAME_RESOLUTION";
    public const string Tls = "TLS";
    public const string Connection = "CONNECTION";

    public static string Of(Exception failure)
    {
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case WebhookAddressRefusedException:
                    return AddressRefused;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return ConnectionRefused;
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return NameResolution;
                case AuthenticationException:
                    return Tls;
                case TimeoutException:
                    return Timeout;
            }
        }

        return failure is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } ? NameResolution
            : failure is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } ? Tls
            : Connection;
    }
}
