using GitHost.Services.Comments;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>How a comment's markdown yields its suggestions, and how one replaces lines of a file.</summary>
public sealed class CommentSuggestionTextTests
{
    [Fact]
    public void Suggestion_blocks_are_numbered_in_order_and_other_code_blocks_are_skipped()
    {
        var text = "Try\r\n```suggestion\r\na\r\nb\r\n```\r\n```csharp\r\n```suggestion\r\nnot one\r\n```\r\n  ````SUGGESTION please\n```\nc\n````\n```suggestion\n```";

        var blocks = SuggestionBlocks.Parse(text);

        Assert.Equal(3, blocks.Count);
        Assert.Equal(["a", "b"], blocks[0]);
        Assert.Equal(["```", "c"], blocks[1]);
        Assert.Empty(blocks[2]);
    }

    [Fact]
    public void An_unclosed_suggestion_runs_to_the_end_and_indented_or_inline_fences_are_not_suggestions()
    {
        Assert.Equal(["x", ""], SuggestionBlocks.Parse("```suggestion\nx\n").Single());
        Assert.Empty(SuggestionBlocks.Parse("    ```suggestion\n    x\n    ```"));
        Assert.Empty(SuggestionBlocks.Parse("see ```suggestion``` here"));
        Assert.Empty(SuggestionBlocks.Parse("```suggestions\nx\n```"));
    }

    [Theory]
    [InlineData("one\ntwo\nthree\n", 2, 2, new[] { "2" }, "one\n2\nthree\n")]
    [InlineData("one\r\ntwo\r\nthree", 2, 3, new[] { "2", "3", "4" }, "one\r\n2\r\n3\r\n4")]
    [InlineData("one\ntwo\nthree", 3, 3, new[] { "3" }, "one\ntwo\n3")]
    [InlineData("one\ntwo\nthree\n", 1, 2, new string[0], "three\n")]
    [InlineData("one\n", 1, 1, new[] { "", "" }, "\n\n")]
    public void A_suggestion_replaces_its_lines_and_keeps_the_line_endings(string content, int first, int last, string[] lines, string expected) =>
        Assert.Equal(expected, SuggestionEdit.Replace(content, first, last, lines));

    [Theory]
    [InlineData("one\ntwo\n", 3, 3)]
    [InlineData("one\ntwo\n", 2, 1)]
    [InlineData("", 1, 1)]
    public void Lines_the_file_does_not_have_are_refused(string content, int first, int last) =>
        Assert.Null(SuggestionEdit.Replace(content, first, last, ["x"]));
}
