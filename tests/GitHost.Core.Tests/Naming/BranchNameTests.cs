using GitHost.Core.Naming;
using Xunit;

namespace GitHost.Core.Tests.Naming;

/// <summary>The rules follow git check-ref-format, a little stricter.</summary>
public sealed class BranchNameTests
{
    [Theory]
    [InlineData("main")]
    [InlineData("feature/login-form")]
    [InlineData("release-1.0")]
    [InlineData("a.b")]
    [InlineData("user/jdoe/fix_42")]
    [InlineData("ünïcode")]
    public void Ordinary_branch_names_are_valid(string name) => Assert.True(BranchName.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/main")]
    [InlineData("main/")]
    [InlineData("-main")]
    [InlineData("main.")]
    [InlineData("main.lock")]
    [InlineData("a..b")]
    [InlineData("../../config")]
    [InlineData("a//b")]
    [InlineData("a@{1}")]
    [InlineData("@")]
    [InlineData("a/.hidden")]
    [InlineData(".hidden")]
    [InlineData("a b")]
    [InlineData("a~1")]
    [InlineData("a^2")]
    [InlineData("a:b")]
    [InlineData("a?b")]
    [InlineData("a*b")]
    [InlineData("a[b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    public void Names_git_refuses_are_invalid(string? name) => Assert.False(BranchName.IsValid(name));

    [Fact]
    public void Names_may_be_255_characters_but_not_256()
    {
        Assert.True(BranchName.IsValid(new string('b', 255)));
        Assert.False(BranchName.IsValid(new string('b', 256)));
    }
}
