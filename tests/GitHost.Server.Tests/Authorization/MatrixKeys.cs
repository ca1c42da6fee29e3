using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GitHost.Server.Tests.Authorization;

/// <summary>A fresh, well-formed ssh-ed25519 public key line per call, so creating rows never collide.</summary>
public static class MatrixKeys
{
    public static string NewEd25519Line()
    {
        var name = Encoding.ASCII.GetBytes("ssh-ed25519");
        var blob = new byte[4 + name.Length + 4 + 32];
        BinaryPrimitives.WriteUInt32BigEndian(blob, (uint)name.Length);
        name.CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 + name.Length), 32);
        RandomNumberGenerator.Fill(blob.AsSpan(8 + name.Length));
        return "ssh-ed25519 " + Convert.ToBase64String(blob) + " matrix";
    }
}
