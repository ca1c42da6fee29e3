using GitHost.Pipelines.Triggers;
using Xunit;

namespace GitHost.Pipelines.Tests.Triggers;

public sealed class PipelineGlobTests
{
    [Theory]
    [InlineData("main", "main", true)]
    [InlineData("main", "main2", false)]
    [InlineData("main", "Main", false)]
    [InlineData("main", "feature/main", false)]
    [InlineData("feature/bb-123-fix-links", "feature/bb-123-fix-links", true)]
    public void An_exact_name_matches_only_itself(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PipelineGlob.IsMatch(pattern, value));

    [Theory]
    [InlineData("feature/*", "feature/a", true)]
    [InlineData("feature/*", "feature/", true)]
    [InlineData("feature/*", "feature/a/b", false)]
    [InlineData("feature/*", "feature", false)]
    [InlineData("feature/*", "features/a", false)]
    [InlineData("*", "main", true)]
    [InlineData("*", "feature/a", false)]
    [InlineData("*/feature", "team/feature", true)]
    [InlineData("*/feature", "a/team/feature", false)]
    [InlineData("my-*", "my-branch-b", true)]
    public void A_star_matches_within_one_path_segment(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PipelineGlob.IsMatch(pattern, value));

    [Theory]
    [InlineData("**", "main", true)]
    [InlineData("**", "feature/bb-123/fix", true)]
    [InlineData("feature/**", "feature/a/b/c", true)]
    [InlineData("feature/**", "feature", false)]
    [InlineData("src/**/*.cs", "src/a/b/c.cs", true)]
    [InlineData("src/**/*.cs", "src/c.cs", false)]
    [InlineData("**/*.md", "docs/a.md", true)]
    public void A_double_star_crosses_slashes(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PipelineGlob.IsMatch(pattern, value));

    [Theory]
    [InlineData("v?", "v1", true)]
    [InlineData("v?", "v10", false)]
    [InlineData("v?", "v", false)]
    [InlineData("a?b", "a/b", false)]
    public void A_question_mark_is_one_character_but_not_a_slash(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PipelineGlob.IsMatch(pattern, value));

    [Theory]
    [InlineData("{main,develop}", "main", true)]
    [InlineData("{main,develop}", "develop", true)]
    [InlineData("{main,develop}", "release", false)]
    [InlineData("{feature,bugfix}/*", "bugfix/x", true)]
    [InlineData("release/{1.*,2.0}", "release/1.5", true)]
    [InlineData("release/{1.*,2.0}", "release/2.1", false)]
    [InlineData("{a,}b", "b", true)]
    public void Braces_match_any_alternative(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PipelineGlob.IsMatch(pattern, value));

    [Theory]
    [InlineData("v[0-9].*", "v1.0", true)]
    [InlineData("v[0-9].*", "vx.0", false)]
    [InlineData("v[!0-9]", "vx", true)]
    [InlineData("v[!0-9]", "v1", false)]
    [InlineData("a[!x]b", "a/b", false)]
    [InlineData("a[+-0]b", "a/b", false)]
    [InlineData("a[+-0]b", "a.b", true)]
    [InlineData("[]]", "]", true)]
    public void Brackets_match_one_character_of_a_set_and_never_a_slash(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PipelineGlob.IsMatch(pattern, value));

    [Theory]
    [InlineData(@"v\*", "v*", true)]
    [InlineData(@"v\*", "v1", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("a+b", "a+b", true)]
    [InlineData("(x)", "(x)", true)]
    [InlineData("a$", "a$", true)]
    public void Regex_characters_and_escapes_are_literal(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PipelineGlob.IsMatch(pattern, value));

    [Theory]
    [InlineData("{a,b")]
    [InlineData("{a,{b,c}}")]
    [InlineData("[abc")]
    [InlineData("[z-a]")]
    [InlineData("a[/]b")]
    [InlineData(@"trailing\")]
    public void An_invalid_pattern_matches_nothing(string pattern)
    {
        Assert.False(PipelineGlob.IsMatch(pattern, pattern));
        Assert.False(GlobPattern.TryParse(pattern, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_hostile_pattern_matches_in_linear_time()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 40)) + "b";
        var value = new string('a', 5000);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(PipelineGlob.IsMatch(pattern, value));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Any_of_several_artifact_globs_matches_a_path_and_an_invalid_one_matches_nothing()
    {
        var wanted = PipelineGlob.AnyOf(["dist/**", "reports/*.xml", "[unclosed"]);

        Assert.True(wanted("dist/app.js"));
        Assert.True(wanted("dist/sub/deep.txt"));
        Assert.True(wanted("reports/junit.xml"));
        Assert.False(wanted("reports/sub/junit.xml"));
        Assert.False(wanted("distribution/app.js"));
        Assert.False(wanted("[unclosed"));
        Assert.False(PipelineGlob.AnyOf([])("anything"));
    }
}
