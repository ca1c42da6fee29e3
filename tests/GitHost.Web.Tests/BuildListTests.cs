using Bunit;
using GitHost.Core.Builds;
using GitHost.Data.Builds;
using GitHost.Web.Builds;
using Xunit;

namespace GitHost.Web.Tests;

public sealed class BuildListTests : BunitContext
{
    [Fact]
    public void Each_build_shows_its_state_and_links_only_to_web_addresses()
    {
        var builds = new[]
        {
            Build("ci", BuildState.Successful, "https://ci.example.com/1", name: "Unit tests", description: "42 passed"),
            Build("lint", BuildState.Failed, "javascript:alert(1)"),
            Build("deploy", BuildState.InProgress, "ftp://files.example.com/"),
        };

        var list = Render<BuildList>(p => p.Add(x => x.Builds, builds).Add(x => x.ShowDescriptions, true));

        var items = list.FindAll("li");
        Assert.Equal(3, items.Count);
        Assert.Equal("Successful", items[0].QuerySelector(".badge-success")!.TextContent);
        Assert.Equal("https://ci.example.com/1", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Unit tests", items[0].QuerySelector("a")!.TextContent);
        Assert.Contains("42 passed", items[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(items[1].QuerySelector(".badge-danger"));
        Assert.Null(items[1].QuerySelector("a"));
        Assert.Contains("lint", items[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("In progress", items[2].QuerySelector(".badge")!.TextContent);
        Assert.Null(items[2].QuerySelector("a"));
        Assert.Empty(list.FindAll("[href^='javascript']"));
    }

    [Fact]
    public void Descriptions_stay_hidden_unless_asked_for()
    {
        var list = Render<BuildList>(p => p.Add(x => x.Builds, [Build("ci", BuildState.Successful, "https://ci.example.com/", description: "hidden text")]));

        Assert.DoesNotContain("hidden text", list.Markup, StringComparison.Ordinal);
    }

    private static BuildStatusEntity Build(string key, BuildState state, string url, string? name = null, string? description = null) =>
        new() { Key = key, State = state, Url = url, Name = name, Description = description, CommitId = new string('a', 40) };
}
