using GitHost.Web.Highlighting;
using Xunit;

namespace GitHost.Web.Tests;

public sealed class SyntaxHighlighterTests
{
    private readonly SyntaxHighlighter _highlighter = new();

    [Fact]
    public void Each_line_comes_back_on_its_own_with_tokens_coloured_and_text_encoded()
    {
        string[] lines = ["// a <comment>", "var s = \"<b>\";", "if (x < 2) { return 42; }"];

        var html = _highlighter.Highlight("app.cs", lines)!;

        Assert.Equal(3, html.Count);
        Assert.Equal("<span class=\"tok-comment\">// a &lt;comment&gt;</span>", html[0]);
        Assert.Contains("<span class=\"tok-keyword\">var</span>", html[1], StringComparison.Ordinal);
        Assert.True(html[1].Contains("<span class=\"tok-string\">&quot;&lt;b&gt;&quot;</span>", StringComparison.Ordinal), html[1]);
        Assert.Contains("(x &lt; <span class=\"tok-number\">2</span>)", html[2], StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", string.Concat(html), StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_over_several_lines_is_closed_and_reopened_on_each()
    {
        var html = _highlighter.Highlight("a.js", ["/* one", "two */ let x = 1;"])!;

        Assert.Equal("<span class=\"tok-comment\">/* one</span>", html[0]);
        Assert.StartsWith("<span class=\"tok-comment\">two */</span>", html[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("Makefile")]
    [InlineData("archive.tar.gz")]
    public void Files_without_a_grammar_are_left_plain(string name) =>
        Assert.Null(_highlighter.Highlight(name, ["plain text"]));

    [Fact]
    public void A_huge_page_is_left_plain_rather_than_slow()
    {
        var lines = Enumerable.Repeat(new string('x', 1000), SyntaxHighlighter.MaxCharacters / 1000 + 1).ToList();

        Assert.Null(_highlighter.Highlight("big.cs", lines));
    }

    [Fact]
    public void Empty_lines_keep_their_place()
    {
        var html = _highlighter.Highlight("a.py", ["x = 1", "", "", "y = 'z'"])!;

        Assert.Equal(4, html.Count);
        Assert.Equal("", html[1]);
        Assert.Contains("tok-string", html[3], StringComparison.Ordinal);
    }
}
