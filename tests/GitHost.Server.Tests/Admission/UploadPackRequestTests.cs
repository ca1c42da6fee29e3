using System.Text;
using GitHost.Git.Transport;
using Xunit;

namespace GitHost.Server.Tests.Admission;

/// <summary>Which upload-pack requests wait for a pack generation turn, and that peeking never changes what git reads.</summary>
public sealed class UploadPackRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool, bool> Requests => new()
    {
        // body, protocol v2, generates a pack
        { "0014command=ls-refs\n0001000dpeel\n0000", true, false },
        { "0013command=ls-refs0000", true, false },
        { "0018command=object-info\n0000", true, false },
        { "0012command=fetch\n00010032want " + new string('a', 40) + "\n0009done\n0000", true, true },
        { "0032want " + new string('a', 40) + "\n00000009done\n", false, true },
        { "0014command=ls-refs\n0000", false, true },
        { "", true, true },
        { "00", true, true },
        { "zzzzcommand=ls-refs\n", true, true },
        { "0000", true, true },
        { "0003", true, true },
        { "0020command=ls-refs\n", true, true },
        { "fff1command=ls-refs\n", true, true },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Only_a_v2_command_other_than_fetch_skips_the_queue_and_git_reads_every_byte(string body, bool version2, bool packs)
    {
        var bytes = Encoding.Latin1.GetBytes(body);
        var (generatesPack, replayed) = await UploadPackRequest.PeekAsync(new MemoryStream(bytes), version2, Ct);

        Assert.Equal(packs, generatesPack);
        using var copy = new MemoryStream();
        await replayed.CopyToAsync(copy, 3, Ct);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_body_that_arrives_one_byte_at_a_time_is_read_whole()
    {
        var bytes = Encoding.Latin1.GetBytes("0014command=ls-refs\n0000");
        var (generatesPack, replayed) = await UploadPackRequest.PeekAsync(new TrickleStream(bytes), version2: true, Ct);

        Assert.False(generatesPack);
        using var copy = new MemoryStream();
        await replayed.CopyToAsync(copy, Ct);
        Assert.Equal(bytes, copy.ToArray());
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
