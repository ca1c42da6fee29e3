using System.Net;
using System.Text.RegularExpressions;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.Web;
using GitHost.Testing;
using GitHost.Testing.Pipelines;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>The buttons of the pipelines pages: run a waiting step, stop, rerun, rerun the failed steps, run a pipeline by hand; only for writers.</summary>
public sealed partial class PipelinePageActionsTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string ManualFirst = """
        pipelines:
          default:
            - step:
                name: Approve
                trigger: manual
                script: [echo approve]
            - step:
                name: After
                script: [echo after]
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_writer_runs_a_waiting_step_stops_reruns_and_reruns_the_failed_steps_and_a_reader_gets_no_button()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIB", "actions", Ct);
        await repo.PushAsync(ManualFirst, "add pipelines", Ct);
        await repo.WaitForPipelineAsync(1, Ct);
        await server.CreateUserAsync("pib-reader", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "pib-reader", "REPO_READ", Ct);
        using var admin = await BrowserPage.AdminAsync(server, Ct);
        using var reader = await BrowserPage.SignedInAsync(server, "pib-reader", Ct);
        const string page = "/projects/PIB/repos/actions/pipelines/results/1";
        var stepId = (await repo.StepsAsync(1, Ct))[0].GetProperty("uuid").GetString()!;
        var runStep = new Dictionary<string, string> { ["Input.Action"] = "run-step", ["Input.StepId"] = stepId };

        var (_, paused) = await admin.GetAsync(page, Ct);
        var (_, readerView) = await reader.GetAsync(page, Ct);
        using var readerPost = await reader.PostFormAsync(page, readerView, "run-0", runStep, Ct);
        var stillPaused = await repo.GetPipelineAsync(1, Ct);

        Assert.Contains(">Waiting to be run</span>", paused, StringComparison.Ordinal);
        Assert.Contains(">Run Approve</button>", paused, StringComparison.Ordinal);
        Assert.Contains(">Stop pipeline</button>", paused, StringComparison.Ordinal);
        Assert.DoesNotContain(">Run Approve</button>", readerView, StringComparison.Ordinal);
        Assert.DoesNotContain(">Stop pipeline</button>", readerView, StringComparison.Ordinal);
        // The reader's page has no such form to post: Blazor refuses it before any action.
        Assert.Equal(HttpStatusCode.BadRequest, readerPost.StatusCode);
        Assert.Equal("PAUSED", stillPaused.GetProperty("state").GetProperty("stage").GetProperty("name").GetString());

        using var ran = await admin.PostFormAsync(page, paused, "run-0", runStep, Ct);
        var ranHtml = await ran.Content.ReadAsStringAsync(Ct);
        Assert.Contains("The step is queued for a runner.", ranHtml, StringComparison.Ordinal);
        Assert.Contains(">Queued</span> Approve", ranHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">Run Approve</button>", ranHtml, StringComparison.Ordinal);

        using var stopped = await admin.PostFormAsync(page, ranHtml, "stop", new Dictionary<string, string> { ["Input.Action"] = "stop" }, Ct);
        var stoppedHtml = await stopped.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Pipeline #1 is stopped.", stoppedHtml, StringComparison.Ordinal);
        Assert.Contains(">Rerun failed steps</button>", stoppedHtml, StringComparison.Ordinal);
        Assert.Equal("STOPPED", (await repo.GetPipelineAsync(1, Ct)).GetProperty("state").GetProperty("result").GetProperty("name").GetString());

        using var rerun = await admin.PostFormAsync(page, stoppedHtml, "rerun", new Dictionary<string, string> { ["Input.Action"] = "rerun" }, Ct);
        Assert.Equal(HttpStatusCode.Redirect, rerun.StatusCode);
        Assert.EndsWith("/projects/PIB/repos/actions/pipelines/results/2", rerun.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("PAUSED", (await repo.GetPipelineAsync(2, Ct)).GetProperty("state").GetProperty("stage").GetProperty("name").GetString());

        using var again = await admin.PostFormAsync(page, stoppedHtml, "rerun-failed", new Dictionary<string, string> { ["Input.Action"] = "rerun-failed" }, Ct);
        var againHtml = await again.Content.ReadAsStringAsync(Ct);
        Assert.Contains("The failed steps are queued again.", againHtml, StringComparison.Ordinal);
        Assert.Contains(">Run Approve</button>", againHtml, StringComparison.Ordinal);
        Assert.Equal("PAUSED", (await repo.GetPipelineAsync(1, Ct)).GetProperty("state").GetProperty("stage").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_run_form_starts_a_custom_pipeline_with_its_variables_and_refuses_what_cannot_run()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIR", "run-form", Ct);
        await repo.PushAsync(PipelineFiles.Full, "[skip ci] add pipelines", Ct);
        await server.CreateUserAsync("pir-reader", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "pir-reader", "REPO_READ", Ct);
        using var admin = await BrowserPage.AdminAsync(server, Ct);
        using var reader = await BrowserPage.SignedInAsync(server, "pir-reader", Ct);
        const string page = "/projects/PIR/repos/run-form/pipelines";
        var (_, html) = await admin.GetAsync(page, Ct);
        var (_, readerHtml) = await reader.GetAsync(page, Ct);

        using var started = await admin.PostFormAsync(page, html, "run", Run("main", "deploy", "ENV=production\r\n"), Ct);
        using var malformed = await admin.PostFormAsync(page, html, "run", Run("main", "deploy", "ENV production"), Ct);
        using var unknown = await admin.PostFormAsync(page, html, "run", Run("main", "nope", ""), Ct);
        using var noBranch = await admin.PostFormAsync(page, html, "run", Run("no-such-branch", "", ""), Ct);
        using var client = server.AdminClient();
        using var second = await client.GetAsync(repo.Api + "/2", Ct);

        Assert.Matches("<summary[^>]*>Run pipeline</summary>", html);
        Assert.DoesNotMatch("<summary[^>]*>Run pipeline</summary>", readerHtml);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.EndsWith("/pipelines/results/1", started.Headers.Location!.ToString(), StringComparison.Ordinal);
        var pipeline = await repo.GetPipelineAsync(1, Ct);
        Assert.Equal("production", pipeline.GetProperty("variables").GetProperty("ENV").GetString());
        Assert.Equal("deploy", pipeline.GetProperty("target").GetProperty("selector").GetProperty("pattern").GetString());
        Assert.Contains("&quot;ENV production&quot; is not a NAME=value line.", await malformed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", await noBranch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task Admins_add_runners_and_variables_on_the_settings_pages_and_a_secured_value_never_reaches_a_page()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIS", "settings", Ct);
        await server.CreateUserAsync("pis-writer", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "pis-writer", "REPO_WRITE", Ct);
        using var admin = await BrowserPage.AdminAsync(server, Ct);
        using var writer = await BrowserPage.SignedInAsync(server, "pis-writer", Ct);
        const string page = "/projects/PIS/repos/settings/settings/pipelines";
        var (empty, emptyHtml) = await admin.GetAsync(page, Ct);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("No runners here yet.", emptyHtml, StringComparison.Ordinal);

        using var created = await admin.PostFormAsync(page, emptyHtml, "runner-create", Fields(("Action", "runner-create"), ("Name", "r-web"), ("Labels", "self.hosted, linux.shell docker")), Ct);
        var createdHtml = await created.Content.ReadAsStringAsync(Ct);
        var token = RunnerToken().Match(createdHtml);
        Assert.True(token.Success, "the page shows the registration token once");
        Assert.Contains("githost-runner --server", createdHtml, StringComparison.Ordinal);
        Assert.Contains("docker, linux.shell, self.hosted", createdHtml, StringComparison.Ordinal);
        Assert.Contains("Never connected", createdHtml, StringComparison.Ordinal);
        var (_, later) = await admin.GetAsync(page, Ct);
        Assert.DoesNotContain(token.Value, later, StringComparison.Ordinal);

        await using (var runner = RunnerProcess.Start(server.BaseAddress, token.Value))
        {
            await runner.WaitForOutputAsync("Polling", TimeSpan.FromSeconds(60), Ct);
            var (_, online) = await admin.GetAsync(page, Ct);
            Assert.Matches("badge-success\"[^>]*>Online</span>", online);
        }

        using var secured = await admin.PostFormAsync(page, later, "variable-create", Fields(("Action", "variable-create"), ("Name", "DEPLOY_KEY"), ("Value", "s3cr3t-web-value"), ("Secured", "true")), Ct);
        using var plain = await admin.PostFormAsync(page, later, "variable-create", Fields(("Action", "variable-create"), ("Name", "REGION"), ("Value", "eu-west")), Ct);
        using var twice = await admin.PostFormAsync(page, later, "variable-create", Fields(("Action", "variable-create"), ("Name", "REGION"), ("Value", "again")), Ct);
        var (_, variables) = await admin.GetAsync(page, Ct);
        var regionId = VariableId("REGION", variables);
        var keyId = VariableId("DEPLOY_KEY", variables);
        using var updated = await admin.PostFormAsync(page, variables, "variable-update-" + regionId, Fields(("Action", "variable-update"), ("Id", regionId), ("Value", "us-east")), Ct);
        using var deleted = await admin.PostFormAsync(page, variables, "variable-delete-" + keyId, Fields(("Action", "variable-delete"), ("Id", keyId)), Ct);
        var deletedHtml = await deleted.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain("s3cr3t-web-value", await secured.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Variable DEPLOY_KEY added.", await secured.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-web-value", variables, StringComparison.Ordinal);
        Assert.Contains(">Secured</span>", variables, StringComparison.Ordinal);
        Assert.Contains("value=\"eu-west\"", variables, StringComparison.Ordinal);
        Assert.Contains("A variable REGION exists here already.", await twice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("value=\"us-east\"", await updated.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("DEPLOY_KEY", deletedHtml.Replace("placeholder=\"DEPLOY_KEY\"", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var (writerPage, _) = await writer.GetAsync(page, Ct);
        var (projectPage, projectHtml) = await admin.GetAsync("/projects/PIS/settings/pipelines", Ct);
        var (writerProject, _) = await writer.GetAsync("/projects/PIS/settings/pipelines", Ct);
        var (serverPage, serverHtml) = await admin.GetAsync("/admin/pipelines", Ct);
        var (writerServer, _) = await writer.GetAsync("/admin/pipelines", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, writerPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, projectPage.StatusCode);
        Assert.Contains("of every repository in this project", projectHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("r-web", projectHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, writerProject.StatusCode);
        Assert.Equal(HttpStatusCode.OK, serverPage.StatusCode);
        Assert.Contains("of every repository on the server", serverHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, writerServer.StatusCode);
    }

    private static Dictionary<string, string> Run(string branch, string custom, string variables) =>
        new() { ["Run.Branch"] = branch, ["Run.Custom"] = custom, ["Run.Variables"] = variables };

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => "Input." + f.Name, f => f.Value);

    private static string VariableId(string key, string html) =>
        Regex.Match(html, $"<code[^>]*>{key}</code>.*?name=\"Input.Id\" value=\"([^\"]+)\"", RegexOptions.Singleline) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"The page lists no variable {key}.");

    [GeneratedRegex("GHR-[A-Za-z0-9_-]+")]
    private static partial Regex RunnerToken();
}
