using Bunit;
using GitHost.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Web.Tests;

public sealed class SharedComponentTests : BunitContext
{
    [Fact]
    public void Pager_links_keep_the_query_and_move_by_one_page()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/projects?name=web&start=25");

        var pager = Render<Pager>(p => p.Add(x => x.Start, 25).Add(x => x.Limit, 25).Add(x => x.IsLastPage, false));

        Assert.EndsWith("/projects?name=web", pager.Find("a[rel=prev]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.EndsWith("/projects?name=web&start=50", pager.Find("a[rel=next]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Pager_shows_nothing_for_a_single_page()
    {
        var pager = Render<Pager>(p => p.Add(x => x.Start, 0).Add(x => x.IsLastPage, true));

        Assert.Empty(pager.FindAll("a"));
    }

    [Theory]
    [InlineData("Jane Doe", "JD")]
    [InlineData("jane.doe", "JD")]
    [InlineData("admin", "A")]
    public void Avatar_shows_initials_and_the_same_colour_for_the_same_name(string name, string initials)
    {
        var first = Render<Avatar>(p => p.Add(x => x.Name, name));
        var again = Render<Avatar>(p => p.Add(x => x.Name, name));

        Assert.Equal(initials, first.Find("span").TextContent);
        Assert.Equal(first.Find("span").GetAttribute("style"), again.Find("span").GetAttribute("style"));
        Assert.Equal("true", first.Find("span").GetAttribute("aria-hidden"));
    }

    [Fact]
    public void Page_heading_encodes_its_title()
    {
        var heading = Render<PageHeading>(p => p.Add(x => x.Title, "<script>alert(1)</script>"));

        Assert.Equal("<script>alert(1)</script>", heading.Find("h1").TextContent);
        Assert.Empty(heading.FindAll("script"));
    }
}
