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
        Assert.Equal("old <b>", removed.QuerySelector("td.code")!.TextContent);
        var added = view.Find("tr.line-added");
        Assert.Equal("file-1-d2", added.Id);
        Assert.Equal("new <script>x</script>", added.QuerySelector("td.code")!.TextContent);
        Assert.Empty(view.FindAll("script"));
        Assert.Contains("@@ -1,2 +1,2 @@", view.Find("tr.hunk").TextContent, StringComparison.Ordinal);
        // The keys work only with the page's script, which shows their hint.
        Assert.True(view.Find(".diff-help").HasAttribute("hidden"));
    }

    [Fact]
    public void A_page_can_put_comments_under_a_line_and_link_line_numbers_to_a_comment_form()
    {
        var diff = Diff(Modified("b.txt", (DiffSegmentType.Added, 1, 1, "line")));

        var view = Render<DiffView>(p => p
            .Add(x => x.Diff, diff)
            .Add(x => x.BelowLine, (_, _, line) => line.Destination == 1 ? b => b.AddMarkupContent(0, "<p class=\"thread\">a comment</p>") : null)
            .Add(x => x.LineHref, anchor => "?comment=" + anchor));

        Assert.Equal("a comment", view.Find("tr.below-line .thread").TextContent);
        Assert.Equal("?comment=file-1-d1", view.Find("tr.line-added td.num a").GetAttribute("href"));
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

    [Fact]
    public void Side_by_side_puts_removed_lines_beside_the_added_ones_and_context_on_both_sides()
    {
        var diff = Diff(Modified("a.txt",
            (DiffSegmentType.Context, 1, 1, "same"),
            (DiffSegmentType.Removed, 2, 2, "old one"),
            (DiffSegmentType.Removed, 3, 2, "old two"),
            (DiffSegmentType.Added, 4, 2, "new one"),
            (DiffSegmentType.Context, 4, 3, "tail")));

        var view = Render<DiffView>(p => p.Add(x => x.Diff, diff).Add(x => x.SideBySide, true)
            .Add(x => x.BelowLine, (_, type, line) => type == DiffSegmentType.Removed && line.Source == 3 ? b => b.AddMarkupContent(0, "<p class=\"thread\">on old two</p>") : null));

        var rows = view.FindAll("table.split tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))).ToList();
        Assert.Equal(
        [
            "@@ -1,2 +1,2 @@ ",
            "1|same|1|same",
            "2|old one|2|new one",
            "3|old two||",
            "on old two",
            "4|tail|3|tail",
        ], rows);
        Assert.Equal("file-1-s3", view.Find("tbody tr:nth-child(4) td.num").Id);
        Assert.NotNull(view.Find("td#file-1-d2 + td.ins"));
        Assert.NotNull(view.Find("tr#file-1-d3.line-context"));
    }

    [Fact]
    public void A_long_diff_comes_in_parts_of_whole_files_with_links_to_the_others()
    {
        var files = Enumerable.Range(1, 5).Select(n => Modified($"f{n}.txt",
            Enumerable.Range(1, 500).Select(i => (DiffSegmentType.Added, 0, i, "x")).ToArray())).ToArray();
        var diff = Diff(files);

        var second = Render<DiffView>(p => p.Add(x => x.Diff, diff).Add(x => x.Part, 2).Add(x => x.PartHref, part => "?part=" + part));
        var whole = Render<DiffView>(p => p.Add(x => x.Diff, diff));

        // 501 rows a file: two files fit in 1,200 rows, a third does not.
        Assert.Equal(["file-3", "file-4"], second.FindAll("[data-diff-part=\"2\"] section.diff-file").Select(s => s.Id));
        Assert.Equal("?part=3", second.Find("[data-diff-next]").GetAttribute("data-diff-next"));
        Assert.Contains("Show files 5–5 of 5", second.Find(".diff-more").TextContent, StringComparison.Ordinal);
        Assert.Equal("?part=1", second.Find(".diff-part-nav a").GetAttribute("href"));
        Assert.Equal(["?part=1#file-1", "?part=1#file-2", "#file-3", "#file-4", "?part=3#file-5"],
            second.FindAll(".diff-files a").Select(a => a.GetAttribute("href")));
        Assert.Equal(5, whole.FindAll("section.diff-file").Count);
        Assert.Empty(whole.FindAll("[data-diff-next]"));
    }

    [Theory]
    [InlineData("file-1-s2", "Removed", 2)]
    [InlineData("file-1-d2", "Added", 2)]
    [InlineData("file-1-d1", "Context", 1)]
    [InlineData("file-1-d9", null, 0)]
    [InlineData("file-2-d1", null, 0)]
    [InlineData("file-0-d1", null, 0)]
    [InlineData("file-1-x1", null, 0)]
    [InlineData("file--1-d1", null, 0)]
    [InlineData("file-1-d", null, 0)]
    [InlineData("file-1-d+1", null, 0)]
    [InlineData("file-99999999999-d1", null, 0)]
    [InlineData("<script>", null, 0)]
    [InlineData(null, null, 0)]
    public void A_line_anchor_finds_its_line_and_nothing_else(string? anchor, string? type, int number)
    {
        var diff = Diff(Modified("a.txt",
            (DiffSegmentType.Context, 1, 1, "same"),
            (DiffSegmentType.Removed, 2, 2, "old"),
            (DiffSegmentType.Added, 3, 2, "new")));

        var found = DiffAnchors.Find(diff, anchor);

        Assert.Equal(type, found?.Type.ToString());
        if (found is not null)
        {
            Assert.Equal(number, found.Type == DiffSegmentType.Removed ? found.Line.Source : found.Line.Destination);
        }
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
