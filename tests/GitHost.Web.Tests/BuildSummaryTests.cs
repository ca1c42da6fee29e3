using Bunit;
using GitHost.Services.Builds;
using GitHost.Web.Builds;
using Xunit;

namespace GitHost.Web.Tests;

public sealed class BuildSummaryTests : BunitContext
{
    [Theory]
    [InlineData(2, 1, 1, 0, 0, "1 failed", "badge badge-danger")]
    [InlineData(2, 0, 1, 0, 0, "1 in progress", "badge")]
    [InlineData(3, 0, 0, 0, 0, "3 passed", "badge badge-success")]
    [InlineData(1, 0, 0, 1, 1, "1 of 3 passed", "badge badge-success")]
    [InlineData(0, 0, 0, 2, 0, "2 other", "badge")]
    public void A_failure_shows_first_then_builds_in_progress_then_successes(
        int successful, int failed, int inProgress, int cancelled, int unknown, string label, string classes)
    {
        var summary = Render<BuildSummary>(p => p.Add(x => x.Stats, new BuildStats(successful, failed, inProgress, cancelled, unknown)));

        var badge = summary.Find("span");
        Assert.Equal(label, badge.TextContent);
        Assert.Equal(classes, badge.GetAttribute("class"));
        Assert.Equal(
            $"Builds: {successful} successful, {failed} failed, {inProgress} in progress, {cancelled} cancelled, {unknown} unknown",
            badge.GetAttribute("title"));
    }

    [Fact]
    public void A_commit_without_builds_shows_nothing()
    {
        Assert.Empty(Render<BuildSummary>(p => p.Add(x => x.Stats, null)).Markup.Trim());
        Assert.Empty(Render<BuildSummary>(p => p.Add(x => x.Stats, BuildStats.None)).Markup.Trim());
    }
}
