using System.Net;
using GitHost.Data;
using GitHost.Server.Tests.Web;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>The repository's pipelines pages: the list, one pipeline with its steps, problems and logs, and who may open them.</summary>
public sealed class PipelinePagesTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_and_a_pipeline_page_show_states_steps_and_problems_and_hide_from_outsiders()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIW", "pages", Ct);
        var commit = await repo.PushAsync(PipelineFiles.Full, "add <pipelines>", Ct);
        await repo.WaitForPipelineAsync(1, Ct);
        await repo.PushAsync(PipelineFiles.MissingScript, "break it", Ct, "broken");
        await repo.WaitForPipelineAsync(2, Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        const string pages = "/projects/PIW/repos/pages/pipelines";

        var (list, listHtml) = await browser.GetAsync(pages, Ct);
        var (running, runningHtml) = await browser.GetAsync(pages + "/results/1", Ct);
        var (broken, brokenHtml) = await browser.GetAsync(pages + "/results/2", Ct);
        var (missing, _) = await browser.GetAsync(pages + "/results/3", Ct);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"href=\"{pages}/results/1\"", listHtml, StringComparison.Ordinal);
        Assert.Contains("branch main", listHtml, StringComparison.Ordinal);
        Assert.Contains("branch broken", listHtml, StringComparison.Ordinal);
        Assert.Contains(">In progress</span>", listHtml, StringComparison.Ordinal);
        Assert.Contains("badge badge-danger\">Error</span>", listHtml, StringComparison.Ordinal);
        Assert.Matches("<a href=\"/projects/PIW/repos/pages/pipelines\" aria-current=\"page\"[^>]*>Pipelines</a>", listHtml);
        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Contains("Pipeline #1", runningHtml, StringComparison.Ordinal);
        Assert.Contains(commit[..11], runningHtml, StringComparison.Ordinal);
        Assert.Contains("Build main", runningHtml, StringComparison.Ordinal);
        Assert.Contains(">Queued</span>", runningHtml, StringComparison.Ordinal);
        Assert.Contains("runs on linux.shell,self.hosted", runningHtml, StringComparison.Ordinal);
        Assert.Contains(">Stop pipeline</button>", runningHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">Rerun</button>", runningHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("bitbucket-pipelines.yml is invalid", brokenHtml, StringComparison.Ordinal);
        Assert.Contains("line 5, column", brokenHtml, StringComparison.Ordinal);
        Assert.Contains(">Rerun</button>", brokenHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">Stop pipeline</button>", brokenHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await server.CreateUserAsync("piw-outsider", Ct);
        using var outsider = await BrowserPage.SignedInAsync(server, "piw-outsider", Ct);
        using var anonymous = new BrowserPage(server);
        await HiddenPages.AssertHiddenAsync(outsider, anonymous, [pages, pages + "/results/1"], "Build main", Ct);
    }
}
