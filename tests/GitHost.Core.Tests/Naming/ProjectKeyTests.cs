using GitHost.Core.Failures;
using GitHost.Core.Naming;
using Xunit;

namespace GitHost.Core.Tests.Naming;

public sealed class ProjectKeyTests
{
    [Theory]
    [InlineData("PROJ", "PROJ")]
    [InlineData("proj", "PROJ")]
    [InlineData("A", "A")]
    [InlineData("_INTERNAL", "_INTERNAL")]
    [InlineData("A1_B2", "A1_B2")]
    [InlineData("~jdoe", "~JDOE")]
    [InlineData("~J.Doe", "~J.DOE")]
    public void Valid_keys_parse_to_upper_case(string input, string expected)
    {
        Assert.True(ProjectKey.TryParse(input, out var key));
        Assert.Equal(expected, key.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("A.B")]
    [InlineData("../ETC")]
    [InlineData("A/B")]
    [InlineData("A\\B")]
    [InlineData("A%2FB")]
    [InlineData("A\0")]
    [InlineData("ÄB")]
    [InlineData("ıA")]
    [InlineData("\u212AEY")]
    [InlineData("ＡＢ")]
    [InlineData("A\u200B")]
    [InlineData("~")]
    [InlineData("~.jdoe")]
    [InlineData("~j/../x")]
    public void Invalid_keys_are_refused(string? input)
    {
        Assert.False(ProjectKey.TryParse(input, out var key));
        Assert.Null(key);
    }

    [Fact]
    public void Keys_may_be_128_characters_but_not_129()
    {
        Assert.True(ProjectKey.TryParse(new string('K', 128), out _));
        Assert.False(ProjectKey.TryParse(new string('K', 129), out _));
    }

    [Fact]
    public void Personal_key_knows_its_user_slug()
    {
        var personal = ProjectKey.Parse("~JDoe");
        var normal = ProjectKey.Parse("JDOE");

        Assert.True(personal.IsPersonal);
        Assert.Equal("jdoe", personal.PersonalUserSlug);
        Assert.False(normal.IsPersonal);
        Assert.Null(normal.PersonalUserSlug);
        Assert.Equal(personal, ProjectKey.Personal("jdoe"));
    }

    [Fact]
    public void Parse_fails_with_an_invalid_failure_naming_the_field()
    {
        var failure = Assert.Throws<GitHostException>(() => ProjectKey.Parse("no way", "projectKey"));

        Assert.Equal(FailureKind.Invalid, failure.Kind);
        Assert.Equal("projectKey", failure.Context);
        Assert.Equal(BitbucketExceptionNames.Validation, failure.ExceptionName);
    }
}
