using GitHost.Pipelines.Definitions;
using Xunit;

namespace GitHost.Pipelines.Tests.Definitions;

public sealed class ChangesetConditionTests
{
    private static readonly ChangesetCondition Condition = new(["path1/*.xml", "path2/**", "package.json"]);

    [Theory]
    [InlineData("path1/a.xml")]
    [InlineData("path2/deep/nested/file.txt")]
    [InlineData("package.json")]
    public void A_change_matching_any_include_path_matches(string changed) =>
        Assert.True(Condition.Matches(["README.md", changed]));

    [Theory]
    [InlineData("path1/sub/a.xml")]
    [InlineData("path1/a.json")]
    [InlineData("path2")]
    [InlineData("web/package.json")]
    public void A_change_matching_no_include_path_does_not_match(string changed) =>
        Assert.False(Condition.Matches([changed]));

    [Fact]
    public void No_changes_do_not_match() => Assert.False(Condition.Matches([]));

    [Fact]
    public void An_invalid_glob_matches_nothing_and_the_others_still_work()
    {
        var condition = new ChangesetCondition(["src/{a", "docs/**"]);

        Assert.False(condition.Matches(["src/{a"]));
        Assert.True(condition.Matches(["docs/index.md"]));
    }
}
