using GitHost.Core.Naming;
using Xunit;

namespace GitHost.Core.Tests.Naming;

public sealed class WorkspaceKeyTests
{
    [Theory]
    [InlineData("default", "default")]
    [InlineData("Eng", "eng")]
    [InlineData("team-a_1", "team-a_1")]
    [InlineData("9", "9")]
    public void Valid_keys_parse_to_lower_case(string input, string expected)
    {
        Assert.True(WorkspaceKey.TryParse(input, out var key));
        Assert.Equal(expected, key.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-x")]
    [InlineData("_x")]
    [InlineData("a.b")]
    [InlineData("../x")]
    [InlineData("a b")]
    [InlineData("é")]
    public void Invalid_keys_are_refused(string? input) => Assert.False(WorkspaceKey.TryParse(input, out _));

    [Fact]
    public void Keys_may_be_64_characters_but_not_65()
    {
        Assert.True(WorkspaceKey.TryParse(new string('w', 64), out _));
        Assert.False(WorkspaceKey.TryParse(new string('w', 65), out _));
    }
}
