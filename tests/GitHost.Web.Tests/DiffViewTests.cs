using Bunit;
using GitHost.Services.Content;
using GitHost.Services.Content.Diff;
using GitHost.Web.Diffs;
using Xunit;

namespace GitHost.Web.Tests;

public sealed class DiffViewTests : BunitContext
{
    [Fact]
    public void Files_are_listed_with_their_counts_and_lines_with_both_numbers_encoded()
    {
        var diff = Diff(Modified("src/a.txt",
            (DiffSegmentType.Context, 1, 1, "same"),
            (DiffSegmentType.Removed, 2, 2, "old <b>"),
            (DiffSegmentType.Added, 3, 2, "new <script>x</script>")));

        var view = Render<DiffView>(p => p.Add(x => x.Diff, diff));

        Assert.Equal("src/a.txt", view.Find(".diff-files a").TextContent);
        Assert.Equal("#file-1", view.Find(".diff-files a").GetAttribute("href"));
        Assert.Equal("+1", view.Find(".diff-files .added").TextContent);
        Assert.Equal("−1", view.Find(".diff-files .removed").TextContent);
        var removed = view.Find("tr.line-removed");
        Assert.Equal("file-1-s2", removed.Id);
        Assert.Equal("old <b>", removed.QuerySelector("pre")!.TextContent);
        var added = view.Find("tr.line-added");
        Assert.Equal("file-1-d2", added.Id);
        Assert.Equal("new <script>x</script>", added.QuerySelector("pre")!.TextContent);
        Assert.Empty(view.FindAll("script"));
        Assert.Contains("@@ -1,2 +1,2 @@", view.Find("tr.hunk").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_can_put_comments_under_a_line_and_link_line_numbers_to_a_comment_form()
    {
        var diff = Diff(Modified("b.txt", (DiffSegmentType.Added, 1, 1, "line")));

        var view = Render<DiffView>(p => p
            .Add(x => x.Diff, diff)
            .Add(x => x.BelowLine, (_, _, line) => line.Destination == 1 ? b => b.AddMarkupContent(0, "<p class=\"thread\">a comment</p>") : null)
            .Add(x => x.LineHref, (_, _, line) => "?commentLine=" + line.Destination));

        Assert.Equal("a comment", view.Find("tr.below-line .thread").TextContent);
        Assert.Equal("?commentLine=1", view.Find("tr.line-added td.num a").GetAttribute("href"));
    }

    [Fact]
    public void Renames_binaries_truncation_and_an_empty_diff_are_said_in_words()
    {
        var renamed = new FileDiff(ContentPath.Parse("old/name.txt"), ContentPath.Parse("new/name.txt"));
        var binary = new FileDiff(null, ContentPath.Parse("logo.png")) { Binary = true };
        var diff = new DiffResult("a", "b", 10, "SHOW", [renamed, binary], Truncated: true);

        var view = Render<DiffView>(p => p.Add(x => x.Diff, diff));
        var empty = Render<DiffView>(p => p.Add(x => x.Diff, new DiffResult("a", "b", 10, "SHOW", [], false)));

        Assert.Contains("renamed from old/name.txt", view.Markup, StringComparison.Ordinal);
        Assert.Contains("Binary file", view.Markup, StringComparison.Ordinal);
        Assert.Equal(["R", "A"], view.FindAll(".diff-files .change").Select(c => c.TextContent));
        Assert.Contains("too large to show whole", view.Markup, StringComparison.Ordinal);
        Assert.Contains("No changes.", empty.Markup, StringComparison.Ordinal);
    }

    private static DiffResult Diff(params FileDiff[] files) => new("a", "b", 10, "SHOW", files, false);

    private static FileDiff Modified(string path, params (DiffSegmentType Type, int Source, int Destination, string Text)[] lines)
    {
        var file = new FileDiff(ContentPath.Parse(path), ContentPath.Parse(path));
        var hunk = new DiffHunk(null, 1, 2, 1, 2);
        foreach (var (type, source, destination, text) in lines)
        {
            if (hunk.Segments.LastOrDefault() is not { } segment || segment.Type != type)
            {
                segment = new DiffSegment(type);
                hunk.Segments.Add(segment);
            }

            segment.Lines.Add(new DiffLine(source, destination, text, false));
        }

        file.Hunks.Add(hunk);
        return file;
    }
}
