using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Transport;

/// <summary>The outcome of KEXINIT negotiation: for each slot, the first client algorithm the server also supports.</summary>
internal sealed record NegotiatedAlgorithms(
    string KeyExchange, string HostKey, string CipherIn, string CipherOut, string? MacIn, string? MacOut)
{
    public static NegotiatedAlgorithms Negotiate(KexInit client, IReadOnlyCollection<string> hostKeys)
    {
        var cipherIn = Choose("cipher (client to server)", client.CiphersClientToServer, SshAlgorithms.Ciphers);
        var cipherOut = Choose("cipher (server to client)", client.CiphersServerToClient, SshAlgorithms.Ciphers);
        Choose("compression", client.CompressionClientToServer, SshAlgorithms.Compression);
        Choose("compression", client.CompressionServerToClient, SshAlgorithms.Compression);
        return new NegotiatedAlgorithms(
            Choose("key exchange", client.KeyExchange, SshAlgorithms.KeyExchange),
            Choose("host key", client.HostKey, hostKeys),
            cipherIn,
            cipherOut,
            SshAlgorithms.IsAead(cipherIn) ? null : Choose("MAC (client to server)", client.MacsClientToServer, SshAlgorithms.Macs),
            SshAlgorithms.IsAead(cipherOut) ? null : Choose("MAC (server to client)", client.MacsServerToClient, SshAlgorithms.Macs));
    }

    private static string Choose(string what, string[] client, IReadOnlyCollection<string> server) =>
        client.FirstOrDefault(server.Contains)
        ?? throw new SshProtocolException(
            SshDisconnectReason.KeyExchangeFailed,
            $"No matching {what} algorithm: the client offers {string.Join(",", client)}; GitHost supports {string.Join(",", server)}.");
}
