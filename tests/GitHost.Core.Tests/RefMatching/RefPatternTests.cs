using GitHost.Core.RefMatching;
using Xunit;

namespace GitHost.Core.Tests.RefMatching;

/// <summary>Examples from Bitbucket's "Branch permission patterns" page, plus edges.</summary>
public sealed class RefPatternTests
{
    [Theory]
    [InlineData("*", "refs/heads/main")]
    [InlineData("*", "refs/tags/v1")]
    [InlineData("main", "refs/heads/main")]
    [InlineData("PROJECT-*", "refs/heads/PROJECT-1234")]
    [InlineData("PROJECT-*", "refs/heads/stable/PROJECT-new")]
    [InlineData("PROJECT-*", "refs/tags/PROJECT-1.1")]
    [InlineData("?.?", "refs/heads/1.1")]
    [InlineData("?.?", "refs/heads/stable/2.X")]
    [InlineData("tags/", "refs/tags/project-1.1.0")]
    [InlineData("tags/", "refs/heads/stable/tags/some_branch")]
    [InlineData("tags/**", "refs/tags/project-1.1.0")]
    [InlineData("heads/**/master", "refs/heads/master")]
    [InlineData("heads/**/master", "refs/heads/stable/master")]
    [InlineData("release/*", "refs/heads/release/1.0")]
    [InlineData("feature/**", "refs/heads/feature/a/b")]
    [InlineData("refs/heads/main", "refs/heads/main")]
    [InlineData("refs/heads/*", "refs/heads/dev")]
    public void Matching_patterns_match(string pattern, string refId) => Assert.True(RefPattern.Matches(pattern, refId));

    [Theory]
    [InlineData("", "refs/heads/main")]
    [InlineData("main", "refs/heads/maint")]
    [InlineData("main", "refs/heads/main/x")]
    [InlineData("?.?", "refs/heads/1.10")]
    [InlineData("release/*", "refs/heads/release/1.0/hotfix")]
    [InlineData("release/*", "refs/heads/prerelease/1.0")]
    [InlineData("heads/**/master", "refs/tags/master")]
    [InlineData("refs/heads/*", "refs/heads/a/b")]
    [InlineData("refs/tags/*", "refs/heads/v1")]
    [InlineData("a*b", "refs/heads/a/b")]
    public void Other_refs_do_not_match(string pattern, string refId) => Assert.False(RefPattern.Matches(pattern, refId));

    [Fact]
    public void Hostile_patterns_finish_quickly()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 200)) + "b";
        var refId = "refs/heads/" + new string('a', 2000);
        Assert.False(RefPattern.Matches(pattern, refId));
        var deep = string.Join('/', Enumerable.Repeat("**", 50)) + "/x";
        Assert.False(RefPattern.Matches(deep, "refs/heads/" + string.Join('/', Enumerable.Repeat("a", 60))));
    }
}
