using GitHost.Core.PullRequests;
using GitHost.Core.RefMatching;
using Xunit;

namespace GitHost.Core.Tests.RefMatching;

public sealed class RefMatcherTests
{
    private static readonly BranchingModel Model = BranchingModel.Default("refs/heads/main");

    [Theory]
    [InlineData("main", "refs/heads/main", true)]
    [InlineData("refs/heads/main", "main", true)]
    [InlineData("refs/heads/main", "refs/heads/main", true)]
    [InlineData("main", "refs/heads/main2", false)]
    [InlineData("refs/tags/main", "refs/heads/main", false)]
    public void Branch_matches_the_exact_ref(string id, string refId, bool expected) =>
        Assert.Equal(expected, new RefMatcher(RefMatcherType.Branch, id).Matches(refId, Model));

    [Fact]
    public void Branch_display_id_is_the_short_name() =>
        Assert.Equal("main", new RefMatcher(RefMatcherType.Branch, "refs/heads/main").DisplayId);

    [Theory]
    [InlineData("refs/heads/main")]
    [InlineData("refs/tags/v1")]
    [InlineData("whatever")]
    public void Any_ref_matches_everything(string refId) => Assert.True(RefMatcher.AnyRef.Matches(refId, Model));

    [Fact]
    public void Pattern_matches_short_names_as_branches()
    {
        var matcher = new RefMatcher(RefMatcherType.Pattern, "feature/*");
        Assert.True(matcher.Matches("feature/x", Model));
        Assert.True(matcher.Matches("refs/heads/feature/x", Model));
        Assert.False(matcher.Matches("bugfix/x", Model));
    }

    [Theory]
    [InlineData("FEATURE", "refs/heads/feature/login", true)]
    [InlineData("feature", "refs/heads/feature/login", true)]
    [InlineData("BUGFIX", "refs/heads/bugfix/1", true)]
    [InlineData("HOTFIX", "refs/heads/hotfix/1", true)]
    [InlineData("RELEASE", "refs/heads/release/1.0", true)]
    [InlineData("FEATURE", "refs/heads/feature/", false)]
    [InlineData("FEATURE", "refs/heads/features/x", false)]
    [InlineData("FEATURE", "refs/tags/feature/x", false)]
    [InlineData("UNKNOWN", "refs/heads/feature/x", false)]
    public void Model_category_matches_by_prefix(string id, string refId, bool expected) =>
        Assert.Equal(expected, new RefMatcher(RefMatcherType.ModelCategory, id).Matches(refId, Model));

    [Fact]
    public void Model_branch_development_is_the_default_branch_and_production_is_unset()
    {
        Assert.True(new RefMatcher(RefMatcherType.ModelBranch, "development").Matches("main", Model));
        Assert.False(new RefMatcher(RefMatcherType.ModelBranch, "development").Matches("develop", Model));
        Assert.False(new RefMatcher(RefMatcherType.ModelBranch, "production").Matches("main", Model));
        var configured = Model with { DevelopmentRef = "develop", ProductionRef = "refs/heads/prod" };
        Assert.True(new RefMatcher(RefMatcherType.ModelBranch, "development").Matches("refs/heads/develop", configured));
        Assert.True(new RefMatcher(RefMatcherType.ModelBranch, "production").Matches("prod", configured));
    }

    [Theory]
    [InlineData("ANY_REF", RefMatcherType.AnyRef)]
    [InlineData("BRANCH", RefMatcherType.Branch)]
    [InlineData("pattern", RefMatcherType.Pattern)]
    [InlineData("MODEL_CATEGORY", RefMatcherType.ModelCategory)]
    [InlineData("MODEL_BRANCH", RefMatcherType.ModelBranch)]
    public void Type_ids_round_trip(string id, RefMatcherType type)
    {
        Assert.True(RefMatcherTypeIds.TryParse(id, out var parsed));
        Assert.Equal(type, parsed);
        Assert.Equal(id.ToUpperInvariant(), RefMatcherTypeIds.ToId(type));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("TAG")]
    public void Unknown_type_ids_do_not_parse(string? id) => Assert.False(RefMatcherTypeIds.TryParse(id, out _));
}
