using GitHost.Ssh.Protocol;
using GitHost.Ssh.Transport;
using Microsoft.Extensions.Logging;

namespace GitHost.Ssh.Auth;

/// <summary>
/// The "ssh-userauth" service (RFC 4252), publickey only. A request without signature is the
/// client asking whether a key would do: PK_OK if the authenticator knows it. A signed request is
/// verified over session id and request fields (§7) before the authenticator is asked again.
/// "none" gets the method list without counting as a failure; every other failure counts, and the
/// MaxAuthAttempts-th one disconnects ("Too many authentication failures", like OpenSSH).
/// The keys offered are remembered so the connection can report one failure when it ends unauthenticated.
/// </summary>
internal sealed partial class UserAuthentication(
    SshTransport transport, ISshAuthenticator authenticator, int maxAttempts, string? clientAddress, ILogger logger, Action accepted)
{
    private const string ConnectionService = "ssh-connection";
    private readonly List<string> _offered = [];
    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private int _failures;
    private bool _tried;
    private bool _verified;
    private string _lastUser = "";

    /// <summary>
    /// What to report when the connection ends now: null once a signature verified, or while the
    /// client tried nothing but "none" (a probe, or a client without keys, is no sign-in attempt).
    /// </summary>
    public SshSignInFailure? Failure => _verified || !_tried ? null
        : new SshSignInFailure(_lastUser, _offered.ToArray(), _distinct.Count, _failures, clientAddress);

    /// <returns>the identity on success; null while authentication goes on.</returns>
    public async Task<SshIdentity?> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var (user, service, method, query, algorithm, blob, signature) = Parse(payload);
        if (service != ConnectionService)
        {
            throw new SshProtocolException(SshDisconnectReason.ServiceNotAvailable, $"Service '{service}' is not available; only {ConnectionService}.");
        }

        if (method == "none")
        {
            await SendFailureAsync(cancellationToken);
            return null;
        }

        _tried = true;
        _lastUser = user;
        if (method != "publickey" || UserKeyVerifier.KeyTypeOf(algorithm!) is not { } keyType
            || !SshPublicKey.TryFromBlob(blob, out var key) || key!.KeyType != keyType)
        {
            Log.Refused(logger, user, method, algorithm ?? "");
            return await FailAsync(cancellationToken);
        }

        Offered(key.Fingerprint);
        if (query)
        {
            if (await authenticator.AuthenticateAsync(user, key, cancellationToken) is null)
            {
                Log.UnknownKey(logger, user, key.Fingerprint);
                return await FailAsync(cancellationToken);
            }

            await transport.SendAsync(new SshWriter(SshMessage.UserAuthPkOk).WriteString(algorithm!).WriteBinary(blob), cancellationToken);
            return null;
        }

        var signed = new SshWriter().WriteBinary(transport.SessionId).WriteByte(SshMessage.UserAuthRequest).WriteString(user)
            .WriteString(service).WriteString(method).WriteBoolean(true).WriteString(algorithm!).WriteBinary(blob);
        if (!UserKeyVerifier.Verify(algorithm!, key, signed.Written.Span, signature))
        {
            Log.BadSignature(logger, user, key.Fingerprint);
            return await FailAsync(cancellationToken);
        }

        if (await authenticator.AuthenticateAsync(user, key, cancellationToken) is not { } identity)
        {
            Log.UnknownKey(logger, user, key.Fingerprint);
            return await FailAsync(cancellationToken);
        }

        // Before the client can learn of it: a client that opens its next connection the moment it is in
        // must find this one no longer counted among the unauthenticated, and must find its sign-in recorded.
        _verified = true;
        accepted();
        identity.ClientAddress = clientAddress;
        await authenticator.SignedInAsync(identity, key, cancellationToken);
        await transport.SendAsync(new SshWriter(SshMessage.UserAuthSuccess), cancellationToken);
        Log.Authenticated(logger, user, identity.Name, key.Fingerprint, algorithm!);
        return identity;
    }

    private void Offered(string fingerprint)
    {
        if (_distinct.Add(fingerprint) && _offered.Count < SshSignInFailure.MaxFingerprints)
        {
            _offered.Add(fingerprint);
        }
    }

    private static (string User, string Service, string Method, bool Query, string? Algorithm, byte[] Blob, byte[] Signature) Parse(byte[] payload)
    {
        var reader = new SshReader(payload);
        reader.ReadByte();
        var user = reader.ReadString();
        var service = reader.ReadString();
        var method = reader.ReadString();
        if (method != "publickey")
        {
            return (user, service, method, false, null, [], []);
        }

        var signed = reader.ReadBoolean();
        var algorithm = reader.ReadString();
        var blob = reader.ReadBinaryArray();
        var signature = signed ? reader.ReadBinaryArray() : [];
        reader.EnsureEnd();
        return (user, service, method, !signed, algorithm, blob, signature);
    }

    private async Task<SshIdentity?> FailAsync(CancellationToken cancellationToken)
    {
        if (++_failures >= maxAttempts)
        {
            throw new SshProtocolException(SshDisconnectReason.NoMoreAuthMethodsAvailable, "Too many authentication failures");
        }

        await SendFailureAsync(cancellationToken);
        return null;
    }

    private Task SendFailureAsync(CancellationToken cancellationToken) =>
        transport.SendAsync(new SshWriter(SshMessage.UserAuthFailure).WriteNameList(["publickey"]).WriteBoolean(false), cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "SSH user {UserName} authenticated as {Identity} with {Fingerprint} ({Algorithm})")]
        public static partial void Authenticated(ILogger logger, string userName, string identity, string fingerprint, string algorithm);

        [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "SSH key {Fingerprint} offered for {UserName} is not registered")]
        public static partial void UnknownKey(ILogger logger, string userName, string fingerprint);

        [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "SSH signature by key {Fingerprint} for {UserName} does not verify")]
        public static partial void BadSignature(ILogger logger, string userName, string fingerprint);

        [LoggerMessage(EventId = 7204, Level = LogLevel.Information, Message = "SSH auth for {UserName} refused: method {Method}, algorithm {Algorithm}")]
        public static partial void Refused(ILogger logger, string userName, string method, string algorithm);
    }
}
