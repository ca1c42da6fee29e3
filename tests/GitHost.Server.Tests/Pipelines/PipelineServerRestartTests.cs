using System.Net;
using System.Net.Http.Json;
using GitHost.Testing;
using GitHost.Testing.Pipelines;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>The server killed mid-pipeline and started again: the runner carries on, the running step's result lands, the next step runs.</summary>
public sealed class PipelineServerRestartTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pipeline_survives_its_server_being_killed_and_restarted_while_a_step_runs()
    {
        var home = GitHostProcess.CreateHome();
        var started = Path.Combine(home, "step-started");
        var release = Path.Combine(home, "step-release");
        using var tree = await GitWorkTree.InitAsync(Ct);
        RunnerProcess? runner = null;
        try
        {
            var server = await GitHostProcess.StartAsync(home, Ct);
            var port = server.BaseAddress.Port;
            using (var admin = server.AdminClient())
            {
                await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "RST", name = "Restart" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
                await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/RST/repos", new { name = "restart" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
                var created = await (await admin.PostAsJsonAsync("/rest/pipelines/1.0/runners", new { name = "survivor" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
                runner = RunnerProcess.Start(server.BaseAddress, created.GetProperty("token").GetString());
            }

            await runner.WaitForOutputAsync("Polling", Deadline, Ct);
            await tree.WriteAsync("bitbucket-pipelines.yml", $$"""
                pipelines:
                  default:
                    - step:
                        name: Across the restart
                        script:
                          - touch "{{started}}"
                          - while [ ! -e "{{release}}" ]; do sleep 0.1; done
                          - echo "released"
                    - step:
                        name: After
                        script: [echo after]
                """);
            await tree.CommitAsync("pipelines", Ct);
            (await tree.PushAsync(server.AdminCloneUrl("RST", "restart"), Ct, "main")).EnsureSuccess();
            await ScriptSignals.WaitForFileAsync(started, Deadline, Ct);

            await server.KillAsync(Ct);
            await server.DisposeAsync();
            await using var restarted = await GitHostProcess.StartAsync(home, Ct, port: port);
            await File.WriteAllTextAsync(release, "", Ct);
            await restarted.Output.WaitForAsync(l => l.Contains("Pipeline #1 of repository", StringComparison.Ordinal) && l.Contains("is now Successful", StringComparison.Ordinal), Deadline, Ct);

            using var reader = restarted.AdminClient();
            var steps = (await (await reader.GetAsync("/rest/pipelines/1.0/projects/RST/repos/restart/pipelines/1/steps", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("values");
            Assert.Equal(["SUCCESSFUL", "SUCCESSFUL"], steps.EnumerateArray().Select(s => s.GetProperty("state").GetProperty("result").GetProperty("name").GetString()));
            var log = await reader.GetStringAsync($"/rest/pipelines/1.0/projects/RST/repos/restart/pipelines/1/steps/{Uri.EscapeDataString(steps[0].GetProperty("uuid").GetString()!)}/log", Ct);
            Assert.Contains("released", log);
            Assert.Single(restarted.Output.Lines, l => l.Contains("dispatched to runner survivor", StringComparison.Ordinal) && l.Contains("\"After\"", StringComparison.Ordinal));
        }
        finally
        {
            if (runner is not null)
            {
                await runner.DisposeAsync();
            }

            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
