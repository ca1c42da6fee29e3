using System.Security.Cryptography;
using System.Text;
using GitHost.Ssh.Crypto;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Transport;

/// <summary>
/// One ECDH key exchange, run by the connection's read loop when the client's KEXINIT arrives
/// (first or re-key): negotiate, answer KEX_ECDH_INIT with the host key, our ephemeral key and the
/// signature over the exchange hash H (RFC 5656 §4), derive keys (RFC 4253 §7.2), swap NEWKEYS.
///
/// Strict kex (OpenSSH "kex-strict-*-v00", the Terrapin counter-measure): when both sides offer
/// it, the client's KEXINIT must be its very first packet, any other message during the initial
/// exchange disconnects, and each NEWKEYS resets that direction's sequence number to 0.
/// </summary>
internal sealed class KeyExchange(SshTransport transport, IReadOnlyList<IHostKey> hostKeys, string clientVersion)
{
    public bool Strict { get; private set; }

    public bool ClientWantsExtInfo { get; private set; }

    public NegotiatedAlgorithms? Algorithms { get; private set; }

    /// <param name="packetsBeforeKexInit">how many packets the client sent before this KEXINIT on the initial exchange.</param>
    public async Task RunAsync(byte[] clientKexInitPayload, bool initial, int packetsBeforeKexInit, CancellationToken cancellationToken)
    {
        var serverKexInit = await transport.StartKeyExchangeAsync(hostKeys.Select(k => k.Algorithm), cancellationToken);
        var client = KexInit.Parse(clientKexInitPayload);
        if (initial)
        {
            Strict = client.KeyExchange.Contains(SshAlgorithms.StrictKexClient);
            ClientWantsExtInfo = client.KeyExchange.Contains(SshAlgorithms.ExtInfoClient);
            if (Strict && packetsBeforeKexInit != 0)
            {
                throw new SshProtocolException(SshDisconnectReason.KeyExchangeFailed, "Strict kex violation: KEXINIT was not the first packet.");
            }
        }

        var algorithms = NegotiatedAlgorithms.Negotiate(client, hostKeys.Select(k => k.Algorithm).ToList());
        Algorithms = algorithms;
        var wrongGuess = client.FirstKexPacketFollows
            && (client.KeyExchange.FirstOrDefault() != algorithms.KeyExchange || client.HostKey.FirstOrDefault() != algorithms.HostKey);
        if (wrongGuess)
        {
            await ReadKexMessageAsync(null, initial, cancellationToken);
        }

        var init = await ReadKexMessageAsync(SshMessage.KexEcdhInit, initial, cancellationToken);
        var reader = new SshReader(init);
        reader.ReadByte();
        var clientPublic = reader.ReadBinary().ToArray();
        reader.EnsureEnd();

        var agreement = SshAlgorithms.CreateKeyAgreement(algorithms.KeyExchange);
        var (serverPublic, secret) = agreement.Agree(clientPublic);
        var hostKey = hostKeys.First(k => k.Algorithm == algorithms.HostKey);
        var sharedSecret = SessionKeys.Mpint(secret);
        var exchangeHash = ExchangeHash(agreement.Hash, clientKexInitPayload, serverKexInit, hostKey.PublicKeyBlob, clientPublic, serverPublic, sharedSecret);
        transport.SessionId ??= exchangeHash;
        var keys = new SessionKeys(agreement.Hash, sharedSecret, exchangeHash, transport.SessionId);

        var reply = new SshWriter(SshMessage.KexEcdhReply).WriteBinary(hostKey.PublicKeyBlob).WriteBinary(serverPublic).WriteBinary(hostKey.Sign(exchangeHash));
        await transport.SendKexAsync(reply.Written, cancellationToken);
        await transport.SendNewKeysAsync(CreateCipher(keys, algorithms.CipherOut, algorithms.MacOut, 'B', 'D', 'F'), Strict, cancellationToken);
        if (initial && ClientWantsExtInfo)
        {
            var extInfo = new SshWriter(SshMessage.ExtInfo).WriteUInt32(1).WriteString("server-sig-algs").WriteNameList(Auth.UserKeyVerifier.SignatureAlgorithms);
            await transport.SendKexAsync(extInfo.Written, cancellationToken);
        }

        await ReadKexMessageAsync(SshMessage.NewKeys, initial, cancellationToken);
        transport.Packets.SwitchReadCipher(CreateCipher(keys, algorithms.CipherIn, algorithms.MacIn, 'A', 'C', 'E'), Strict);
        transport.CompleteKeyExchange();
    }

    private static IPacketCipher CreateCipher(SessionKeys keys, string cipher, string? mac, char ivLetter, char keyLetter, char macLetter)
    {
        var (keySize, ivSize) = SshAlgorithms.CipherSizes(cipher);
        var macKeySize = SshAlgorithms.MacSizes(mac).KeySize;
        return SshAlgorithms.CreateCipher(cipher, mac, keys.Derive(keyLetter, keySize), keys.Derive(ivLetter, ivSize), keys.Derive(macLetter, macKeySize));
    }

    /// <summary>Reads the next key exchange message; IGNORE/DEBUG are skipped unless strict kex forbids them during the initial exchange.</summary>
    private async Task<byte[]> ReadKexMessageAsync(byte? expected, bool initial, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (payload, _) = await transport.ReadAsync(cancellationToken);
            var number = payload.Length > 0 ? payload[0] : (byte)0;
            if (expected is null || number == expected)
            {
                return payload;
            }

            var tolerated = number is SshMessage.Ignore or SshMessage.Debug && !(Strict && initial);
            if (!tolerated)
            {
                throw new SshProtocolException(
                    SshDisconnectReason.ProtocolError,
                    $"Unexpected message {number} during key exchange (expected {expected}){(Strict ? " (strict kex)" : "")}.");
            }
        }
    }

    private byte[] ExchangeHash(HashAlgorithmName hash, byte[] clientKexInit, byte[] serverKexInit, byte[] hostKeyBlob, byte[] clientPublic, byte[] serverPublic, byte[] sharedSecretMpint)
    {
        var data = new SshWriter()
            .WriteBinary(Encoding.ASCII.GetBytes(clientVersion))
            .WriteBinary(Encoding.ASCII.GetBytes(VersionExchange.ServerVersion))
            .WriteBinary(clientKexInit)
            .WriteBinary(serverKexInit)
            .WriteBinary(hostKeyBlob)
            .WriteBinary(clientPublic)
            .WriteBinary(serverPublic)
            .WriteRaw(sharedSecretMpint);
        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(data.Written.Span);
        return digest.GetHashAndReset();
    }
}
