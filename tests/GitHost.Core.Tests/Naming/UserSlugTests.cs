using GitHost.Core.Naming;
using Xunit;

namespace GitHost.Core.Tests.Naming;

public sealed class UserSlugTests
{
    [Theory]
    [InlineData("jdoe", "jdoe")]
    [InlineData("J.Doe", "j.doe")]
    [InlineData("jane@example.com", "jane@example.com")]
    [InlineData("a_b-c", "a_b-c")]
    [InlineData("7of9", "7of9")]
    public void Valid_names_give_lower_case_slugs(string input, string expected)
    {
        Assert.True(UserSlug.TryParse(input, out var slug));
        Assert.Equal(expected, slug.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".jdoe")]
    [InlineData("-jdoe")]
    [InlineData("_jdoe")]
    [InlineData("@jdoe")]
    [InlineData("j..doe")]
    [InlineData("../admin")]
    [InlineData("j/doe")]
    [InlineData("j doe")]
    [InlineData("jdöe")]
    [InlineData("jdoe\u202E")]
    [InlineData("ｊｄｏｅ")]
    public void Invalid_names_are_refused(string? input) =>
        Assert.False(UserSlug.TryParse(input, out _));

    [Fact]
    public void Names_may_be_255_characters_but_not_256()
    {
        Assert.True(UserSlug.IsValidUserName(new string('u', 255)));
        Assert.False(UserSlug.IsValidUserName(new string('u', 256)));
    }
}
