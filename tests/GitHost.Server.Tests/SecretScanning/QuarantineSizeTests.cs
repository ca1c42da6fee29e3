using GitHost.Services.SecretScanning;
using Xunit;

namespace GitHost.Server.Tests.SecretScanning;

/// <summary>The size check over the quarantines of overlapping pushes, one of which may finish (and vanish) meanwhile.</summary>
public sealed class QuarantineSizeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("githost-quarantine-size-").FullName;

    [Fact]
    public void A_quarantine_removed_by_a_finished_push_is_skipped()
    {
        var own = Quarantine("tmp_objdir-incoming-own", ("ab/cdef", 10));
        var gone = Path.Combine(_root, "tmp_objdir-incoming-gone");

        Assert.True(QuarantineSize.IsSmall([gone, own], 100));
    }

    [Fact]
    public void The_remaining_quarantines_still_count()
    {
        var gone = Path.Combine(_root, "tmp_objdir-incoming-gone");
        var big = Quarantine("tmp_objdir-incoming-big", ("ab/cdef", 200));
        var packed = Quarantine("tmp_objdir-incoming-packed", ("pack/pack-1.pack", 1));

        Assert.False(QuarantineSize.IsSmall([gone, big], 100));
        Assert.False(QuarantineSize.IsSmall([gone, packed], 100));
        Assert.False(QuarantineSize.IsSmall([gone], 0));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Quarantine(string name, params (string Path, int Bytes)[] files)
    {
        var folder = Path.Combine(_root, name);
        foreach (var (path, bytes) in files)
        {
            var file = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, new byte[bytes]);
        }

        return folder;
    }
}
