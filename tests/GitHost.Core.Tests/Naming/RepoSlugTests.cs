using GitHost.Core.Naming;
using Xunit;

namespace GitHost.Core.Tests.Naming;

public sealed class RepoSlugTests
{
    [Theory]
    [InlineData("repo", "repo")]
    [InlineData("Repo", "repo")]
    [InlineData("my-repo_1.x", "my-repo_1.x")]
    [InlineData("a", "a")]
    [InlineData("9lives", "9lives")]
    public void Valid_slugs_parse_to_lower_case(string input, string expected)
    {
        Assert.True(RepoSlug.TryParse(input, out var slug));
        Assert.Equal(expected, slug.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("-option")]
    [InlineData("a..b")]
    [InlineData("repo.git")]
    [InlineData("REPO.GIT")]
    [InlineData("a/b")]
    [InlineData("../../etc")]
    [InlineData("a\\b")]
    [InlineData("a%2fb")]
    [InlineData("a b")]
    [InlineData("a\nb")]
    [InlineData("é")]
    [InlineData("repo\u200B")]
    [InlineData("ｒｅｐｏ")]
    public void Invalid_slugs_are_refused(string? input)
    {
        Assert.False(RepoSlug.TryParse(input, out var slug));
        Assert.Null(slug);
    }

    [Fact]
    public void Slugs_may_be_128_characters_but_not_129()
    {
        Assert.True(RepoSlug.TryParse(new string('s', 128), out _));
        Assert.False(RepoSlug.TryParse(new string('s', 129), out _));
    }

    [Theory]
    [InlineData("My Repo", "my-repo")]
    [InlineData("Hello, World!", "hello-world")]
    [InlineData("  padded  ", "padded")]
    [InlineData("tools.git", "tools")]
    [InlineData("a..b", "a.b")]
    [InlineData("Ünïcode name", "n-code-name")]
    [InlineData("snake_case.v2", "snake_case.v2")]
    public void Names_become_slugs_the_way_bitbucket_derives_them(string name, string expected)
    {
        Assert.True(RepoSlug.TryFromName(name, out var slug));
        Assert.Equal(expected, slug.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData("日本語")]
    [InlineData("--")]
    public void Names_with_nothing_usable_yield_no_slug(string? name) =>
        Assert.False(RepoSlug.TryFromName(name, out _));
}
