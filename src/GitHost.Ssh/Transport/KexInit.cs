using System.Security.Cryptography;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Transport;

/// <summary>An SSH_MSG_KEXINIT (RFC 4253 §7.1): the ten name-lists and the guess flag.</summary>
internal sealed record KexInit(
    string[] KeyExchange, string[] HostKey, string[] CiphersClientToServer, string[] CiphersServerToClient,
    string[] MacsClientToServer, string[] MacsServerToClient, string[] CompressionClientToServer,
    string[] CompressionServerToClient, bool FirstKexPacketFollows)
{
    public static KexInit Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        reader.ReadByte();
        for (var i = 0; i < 16; i++)
        {
            reader.ReadByte();
        }

        var lists = new string[10][];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = reader.ReadNameList();
        }

        var follows = reader.ReadBoolean();
        reader.ReadUInt32();
        return new KexInit(lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6], lists[7], follows);
    }

    public static byte[] BuildServer(IEnumerable<string> hostKeyAlgorithms)
    {
        var writer = new SshWriter(SshMessage.KexInit).WriteRaw(RandomNumberGenerator.GetBytes(16))
            .WriteNameList([.. SshAlgorithms.KeyExchange, SshAlgorithms.StrictKexServer])
            .WriteNameList(hostKeyAlgorithms);
        foreach (var list in new[] { SshAlgorithms.Ciphers, SshAlgorithms.Ciphers, SshAlgorithms.Macs, SshAlgorithms.Macs, SshAlgorithms.Compression, SshAlgorithms.Compression })
        {
            writer.WriteNameList(list);
        }

        return writer.WriteNameList([]).WriteNameList([]).WriteBoolean(false).WriteUInt32(0).ToArray();
    }
}
