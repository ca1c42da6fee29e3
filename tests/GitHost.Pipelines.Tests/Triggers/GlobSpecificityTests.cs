using GitHost.Pipelines.Triggers;
using Xunit;

namespace GitHost.Pipelines.Tests.Triggers;

public sealed class GlobSpecificityTests
{
    [Theory]
    [InlineData("my-branch-a", "my-branch-*")]
    [InlineData("my-branch-*", "my-*")]
    [InlineData("my-*", "*")]
    [InlineData("feature/bb-123-*", "feature/bb-*")]
    [InlineData("feature/*", "feature/**")]
    [InlineData("*", "**")]
    [InlineData("v?.0", "v*.0")]
    [InlineData("hotfix/?*", "hotfix/*")]
    [InlineData("v[0-9]*", "v*")]
    [InlineData("feature/*", "{feature,bugfix}/*")]
    public void The_first_pattern_is_more_specific(string more, string less)
    {
        Assert.True(GlobPattern.TryParse(more, out var a, out _));
        Assert.True(GlobPattern.TryParse(less, out var b, out _));

        Assert.True(a.Specificity.CompareTo(b.Specificity) > 0, $"{more} should beat {less}");
        Assert.True(b.Specificity.CompareTo(a.Specificity) < 0);
    }

    [Fact]
    public void Escaped_wildcards_keep_a_name_exact()
    {
        Assert.True(GlobPattern.TryParse(@"weird\*name", out var glob, out _));

        Assert.True(glob.Specificity.Exact);
    }
}
