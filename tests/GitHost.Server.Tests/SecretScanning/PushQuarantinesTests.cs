using GitHost.Git.Reading;
using Xunit;

namespace GitHost.Server.Tests.SecretScanning;

/// <summary>Which quarantine folders a push's checks read: the one its hook reported, or every push's when that cannot be trusted.</summary>
public sealed class PushQuarantinesTests : IDisposable
{
    private readonly string _gitDir = Directory.CreateTempSubdirectory("githost-push-quarantines-").FullName;

    [Fact]
    public void The_reported_folder_alone_when_it_is_one_of_the_repository()
    {
        var own = Folder("objects/tmp_objdir-incoming-own");
        Folder("objects/tmp_objdir-incoming-other");

        Assert.Equal([own], PushQuarantines.Of(_gitDir, "tmp_objdir-incoming-own"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tmp_objdir-incoming-gone")]
    [InlineData("pack")]
    [InlineData("../objects/tmp_objdir-incoming-own")]
    [InlineData("tmp_objdir-incoming-own/..")]
    [InlineData("/tmp")]
    [InlineData("tmp_objdir-incoming-own\\n")]
    public void Every_push_in_progress_when_the_report_is_missing_or_names_no_quarantine_here(string? reported)
    {
        var own = Folder("objects/tmp_objdir-incoming-own");
        var other = Folder("objects/incoming-other");
        Folder("objects/pack");

        Assert.Equal([other, own], PushQuarantines.Of(_gitDir, reported).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void None_in_a_repository_without_objects()
    {
        Assert.Empty(PushQuarantines.Of(Path.Combine(_gitDir, "missing"), "tmp_objdir-incoming-own"));
    }

    public void Dispose() => Directory.Delete(_gitDir, recursive: true);

    private string Folder(string relative) => Directory.CreateDirectory(Path.Combine(_gitDir, relative)).FullName;
}
