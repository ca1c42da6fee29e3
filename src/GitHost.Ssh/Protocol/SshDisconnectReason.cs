namespace GitHost.Ssh.Protocol;

/// <summary>RFC 4253 §11.1 disconnect reason codes.</summary>
public enum SshDisconnectReason : uint
{
    HostNotAllowedToConnect = 1,
    ProtocolError = 2,
    KeyExchangeFailed = 3,
    MacError = 5,
    ServiceNotAvailable = 7,
    ProtocolVersionNotSupported = 8,
    ConnectionLost = 10,
    ByApplication = 11,
    TooManyConnections = 12,
    NoMoreAuthMethodsAvailable = 14,
}
