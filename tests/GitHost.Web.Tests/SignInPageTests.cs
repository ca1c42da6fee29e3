using Bunit;
using GitHost.Web.Auth;
using GitHost.Web.Errors;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Web.Tests;

public sealed class SignInPageTests : BunitContext
{
    [Theory]
    [InlineData("/login?error=bad-credentials", "The username or password is not right.")]
    [InlineData("/login?error=locked&until=1767225600000", "You can try again at 00:00:00 UTC.")]
    [InlineData("/login?error=locked", "Wait a few minutes")]
    [InlineData("/login?error=forgery", "The sign-in form had expired.")]
    public void Sign_in_page_explains_why_the_last_attempt_failed(string address, string message)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var page = Render<LoginPage>();

        Assert.Contains(message, page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_in_page_posts_to_the_bitbucket_form_target_with_the_next_page()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/login?next=%2Fprojects%2FABC");

        var page = Render<LoginPage>();

        Assert.Equal("/j_atl_security_check", page.Find("form").GetAttribute("action"));
        Assert.Equal("/projects/ABC", page.Find("input[name=next]").GetAttribute("value"));
        Assert.Empty(page.FindAll("[role=alert]"));
    }

    [Fact]
    public void Error_panel_offers_sign_in_back_to_the_same_page_when_anonymous()
    {
        AddAuthorization();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/projects/SECRET");

        var panel = Render<ErrorPanel>(p => p.Add(x => x.Status, 404).Add(x => x.Title, "Page not found").Add(x => x.Message, "Nothing here."));

        Assert.Equal("/login?next=%2Fprojects%2FSECRET", panel.Find("a.button").GetAttribute("href"));
        Assert.Equal("Page not found", panel.Find("h1").TextContent);
    }

    [Fact]
    public void Error_panel_sends_a_signed_in_user_to_the_projects()
    {
        AddAuthorization().SetAuthorized("jane");

        var panel = Render<ErrorPanel>(p => p.Add(x => x.Status, 404).Add(x => x.Title, "Page not found"));

        Assert.Empty(panel.FindAll("a.button"));
        Assert.Equal("/projects", panel.Find("a").GetAttribute("href"));
    }
}
