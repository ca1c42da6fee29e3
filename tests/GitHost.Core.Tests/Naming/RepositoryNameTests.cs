using GitHost.Core.Naming;
using Xunit;

namespace GitHost.Core.Tests.Naming;

public sealed class RepositoryNameTests
{
    [Theory]
    [InlineData("My Repo")]
    [InlineData("日本語のリポジトリ")]
    [InlineData("Ünïcode & symbols (v2)!")]
    [InlineData("x")]
    public void Printable_names_are_valid(string name) => Assert.True(RepositoryName.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData("tab\tname")]
    [InlineData("nul\0")]
    [InlineData("admin\u202Etxt.exe")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("\uFEFFbom")]
    [InlineData("isolate\u2066x\u2069")]
    [InlineData("joiner\u2060")]
    public void Blank_control_and_invisible_characters_are_refused(string? name) => Assert.False(RepositoryName.IsValid(name));

    [Fact]
    public void Names_may_be_128_characters_but_not_129()
    {
        Assert.True(RepositoryName.IsValid(new string('n', 128)));
        Assert.False(RepositoryName.IsValid(new string('n', 129)));
    }
}
