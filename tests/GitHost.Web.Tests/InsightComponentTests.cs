using Bunit;
using GitHost.Core.Insights;
using GitHost.Data.Insights;
using GitHost.Services.Insights;
using GitHost.Web.Insights;
using Xunit;

namespace GitHost.Web.Tests;

public sealed class InsightComponentTests : BunitContext
{
    [Fact]
    public void A_report_shows_its_result_fields_and_annotation_count_and_links_only_to_web_addresses()
    {
        const string data = """
            [{"title":"Coverage","type":"PERCENTAGE","value":85.25},{"title":"Took","type":"DURATION","value":95000},
             {"title":"Safe","type":"BOOLEAN","value":false},{"title":"Dashboard","type":"LINK","value":{"linktext":"Open","href":"https://sonar.example.com/d"}},
             {"title":"Sneaky","type":"LINK","value":{"linktext":"Click","href":"javascript:alert(1)"}},{"title":"Note","value":"<b>plain</b>"}]
            """;
        var reports = new[]
        {
            new InsightReportEntity { Key = "sonar", Title = "SonarQube", Result = InsightResult.Fail, Reporter = "Sonar", Link = "https://sonar.example.com/", Data = data },
            new InsightReportEntity { Key = "lint", Title = "Lint", Result = InsightResult.Pass, Link = "javascript:alert(2)" },
            new InsightReportEntity { Key = "scan", Title = "Scan" },
        };

        var list = Render<ReportList>(p => p.Add(x => x.Reports, reports).Add(x => x.AnnotationCounts, new Dictionary<string, int> { ["sonar"] = 3, ["lint"] = 1 }));

        var items = list.FindAll(".reports > li");
        Assert.Equal(["Failed", "Passed", "No result"], items.Select(i => i.QuerySelector(".badge")!.TextContent));
        Assert.Equal("https://sonar.example.com/", items[0].QuerySelector(".report-title a")!.GetAttribute("href"));
        Assert.Null(items[1].QuerySelector("a"));
        Assert.Equal(
            ["85.25 %", "1 min 35 s", "No", "Open", "Click", "<b>plain</b>"],
            items[0].QuerySelectorAll("dd").Select(d => d.TextContent.Trim()));
        Assert.Equal("https://sonar.example.com/d", items[0].QuerySelector("dd a")!.GetAttribute("href"));
        Assert.Empty(list.FindAll("[href^='javascript']"));
        Assert.Empty(list.FindAll("dd b"));
        Assert.Equal("3 annotations", items[0].QuerySelector("p.muted")!.TextContent);
        Assert.Equal("1 annotation", items[1].QuerySelector("p.muted")!.TextContent);
        Assert.Null(items[2].QuerySelector("p.muted"));
    }

    [Fact]
    public void A_line_s_annotations_name_their_report_severity_and_type()
    {
        var annotations = new[]
        {
            new InsightAnnotation("sonar", new InsightAnnotationEntity { Message = "SQL built from <input>", Severity = AnnotationSeverity.High, Type = AnnotationType.Vulnerability, Link = "https://sonar.example.com/i/1" }),
            new InsightAnnotation("gone", new InsightAnnotationEntity { Message = "Long method", Severity = AnnotationSeverity.Low, Type = AnnotationType.CodeSmell, Link = "data:text/html,x" }),
        };

        var list = Render<LineAnnotations>(p => p.Add(x => x.Annotations, annotations).Add(x => x.ReportTitles, new Dictionary<string, string> { ["sonar"] = "SonarQube" }));

        var items = list.FindAll("li");
        Assert.Equal("SQL built from <input>", items[0].QuerySelector(".message")!.TextContent);
        Assert.Contains("badge-danger", items[0].QuerySelector(".badge")!.ClassList);
        Assert.Contains("SonarQube", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Vulnerability", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("https://sonar.example.com/i/1", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Code smell", items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("gone", items[1].TextContent, StringComparison.Ordinal);
        Assert.Null(items[1].QuerySelector("a"));
    }
}
