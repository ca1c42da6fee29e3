using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.Web;
using GitHost.Testing;
using GitHost.Testing.Pipelines;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>Files a step keeps for the steps after it (<c>artifacts</c>), carried by real runners, and archives no runner should unpack.</summary>
public sealed class ArtifactTests(RunnerServer fixture) : IClassFixture<RunnerServer>
{
    private const string RunnerApi = "/rest/pipelines/1.0/runner";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GitHostTestServer Server => fixture.Server;

    [Fact]
    public async Task A_steps_artifacts_reach_the_later_groups_but_not_a_step_that_opts_out_and_can_be_downloaded()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "ART", "build", Ct);
        await using var runner = await repo.StartRunnerAsync("art", Ct, capacity: 2);

        await repo.PushAsync("""
            pipelines:
              default:
                - step:
                    name: Build
                    script:
                      - mkdir -p dist/sub && echo app > dist/app.txt && echo deep > dist/sub/deep.txt && echo noise > build.log
                      - chmod +x dist/app.txt
                    artifacts:
                      - dist/**
                - parallel:
                    - step:
                        name: Use
                        script:
                          - cat dist/app.txt dist/sub/deep.txt
                          - test -x dist/app.txt
                          - test ! -e build.log
                          - echo more > dist/more.txt
                        artifacts: [dist/more.txt]
                    - step:
                        name: Opts out
                        artifacts:
                          download: false
                        script:
                          - test ! -e dist/app.txt
                - step:
                    name: Last
                    script:
                      - cat dist/app.txt dist/more.txt
            """, "artifacts", Ct);
        await Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repo.Id} is now", StringComparison.Ordinal), Deadline, Ct);

        var steps = (await repo.StepsAsync(1, Ct)).EnumerateArray().ToList();
        Assert.All(steps, s => Assert.Equal("SUCCESSFUL", s.GetProperty("state").GetProperty("result").GetProperty("name").GetString()));
        Assert.Contains("Artifacts: 2 file(s) matching dist/** kept", await repo.LogAsync(1, steps[0], Ct));
        var use = await repo.LogAsync(1, steps[1], Ct);
        Assert.Contains("Artifacts of \"Build\": 2 file(s) unpacked", use);
        Assert.Contains("app\ndeep\n", use);
        Assert.DoesNotContain("Artifacts of", await repo.LogAsync(1, steps[2], Ct));
        var last = await repo.LogAsync(1, steps[3], Ct);
        Assert.Contains("Artifacts of \"Use\": 1 file(s) unpacked", last);
        Assert.Contains("app\nmore\n", last);

        using var admin = Server.AdminClient();
        using var download = await admin.GetAsync($"{repo.Api}/1/steps/{Uri.EscapeDataString(steps[0].GetProperty("uuid").GetString()!)}/artifacts", Ct);
        using var none = await admin.GetAsync($"{repo.Api}/1/steps/{Uri.EscapeDataString(steps[2].GetProperty("uuid").GetString()!)}/artifacts", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/gzip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["dist/app.txt", "dist/sub/deep.txt"], await EntryNamesAsync(await download.Content.ReadAsStreamAsync(Ct)));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using var browser = await BrowserPage.AdminAsync(Server, Ct);
        var (_, page) = await browser.GetAsync("/projects/ART/repos/build/pipelines/results/1", Ct);
        Assert.Contains($"/steps/{Uri.EscapeDataString(steps[0].GetProperty("uuid").GetString()!)}/artifacts\" download", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/steps/{Uri.EscapeDataString(steps[2].GetProperty("uuid").GetString()!)}/artifacts\"", page, StringComparison.Ordinal);
        await Server.CreateUserAsync("art-outsider", Ct);
        using var outsider = Server.Client("art-outsider");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{repo.Api}/1/steps/{Uri.EscapeDataString(steps[0].GetProperty("uuid").GetString()!)}/artifacts", Ct)).StatusCode);

        // Deleting the repository takes its pipelines' files off the disk with its rows.
        var pipelineId = await Server.WithDatabaseAsync(db => db.Pipelines.Where(p => p.RepositoryId == repo.Id).Select(p => p.Id).SingleAsync(Ct));
        var files = new[] { "artifacts", "logs" }.Select(kind => Path.Combine(Server.DataHome, "shared", "pipelines", kind, pipelineId.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.All(files, directory => Assert.True(Directory.Exists(directory), directory));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync($"/rest/api/1.0/projects/{repo.Key}/repos/{repo.Slug}", Ct)).StatusCode);
        Assert.All(files, directory => Assert.False(Directory.Exists(directory), directory));
    }

    [Fact]
    public async Task A_forged_archive_is_unpacked_only_inside_the_clone_and_an_oversized_one_is_refused_keeping_nothing()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "ART", "forged", Ct);
        var outside = Directory.CreateTempSubdirectory("githost-outside-");
        // A repository may commit a link that leads out of the clone; nothing may be written through it.
        File.CreateSymbolicLink(Path.Combine(repo.Tree.Path, "dist"), outside.FullName);
        var forger = await RegisterAsync(await repo.CreateRunnerAsync("forger", Ct, "forger"));
        await using var runner = await repo.StartRunnerAsync("honest", Ct);

        await repo.PushAsync("""
            pipelines:
              default:
                - step:
                    name: Forged
                    runs-on: [forger]
                    script: [echo forged]
                - step:
                    name: Reads
                    script:
                      - cat ok.txt
                      - ls
            """, "forged artifacts", Ct);
        using var job = await forger.PostAsync(RunnerApi + "/jobs/next", JsonContent.Create(new { free = 1, running = Array.Empty<string>() }), Ct);
        var stepUuid = (await job.ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("stepUuid").GetString()!;
        var artifacts = $"{RunnerApi}/jobs/{Uri.EscapeDataString(stepUuid)}/artifacts";

        using var declaredTooLarge = new ByteArrayContent(new byte[RunnerServer.ArtifactLimit + 1]);
        // The client waits for the server's word before sending (100-continue), so the early refusal is read, not a broken pipe.
        using var refusedAtOnce = await forger.SendAsync(new HttpRequestMessage(HttpMethod.Put, artifacts) { Content = declaredTooLarge, Headers = { ExpectContinue = true } }, Ct);
        using var streamedTooLarge = new StreamContent(new MemoryStream(new byte[RunnerServer.ArtifactLimit + 1]));
        streamedTooLarge.Headers.ContentLength = null;
        using var refusedWhileStreaming = await forger.SendAsync(new HttpRequestMessage(HttpMethod.Put, artifacts) { Content = streamedTooLarge, Headers = { TransferEncodingChunked = true } }, Ct);
        using var garbage = await forger.PutAsync(artifacts, new ByteArrayContent(Encoding.UTF8.GetBytes("not a tar")), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedAtOnce.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedWhileStreaming.StatusCode);
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        using var kept = await forger.PutAsync(artifacts, new ByteArrayContent(ForgedArchive()), Ct);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        using var otherStep = await forger.GetAsync($"{RunnerApi}/jobs/{Uri.EscapeDataString(Guid.NewGuid().ToString("B"))}/artifacts", Ct);
        Assert.Equal(HttpStatusCode.NotFound, otherStep.StatusCode);
        (await forger.PostAsync($"{RunnerApi}/jobs/{Uri.EscapeDataString(stepUuid)}/complete", JsonContent.Create(new { result = "SUCCESSFUL", exitCode = 0 }), Ct)).EnsureSuccessStatusCode();

        await Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repo.Id} is now", StringComparison.Ordinal), Deadline, Ct);
        var reads = (await repo.StepsAsync(1, Ct))[1];
        var log = await repo.LogAsync(1, reads, Ct);
        Assert.Equal("SUCCESSFUL", reads.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        Assert.Contains("Artifacts of \"Forged\": 1 file(s) unpacked", log);
        Assert.Contains("inside the clone\n", log);
        Assert.Contains("skipped ../escape.txt (outside the clone)", log);
        Assert.Contains("skipped /absolute.txt (outside the clone)", log);
        Assert.Contains("skipped sub/../../up.txt (outside the clone)", log);
        Assert.Contains("skipped dist/planted.txt (through a symbolic link)", log);
        Assert.Contains("skipped link (SymbolicLink entries are not unpacked)", log);
        Assert.Empty(outside.EnumerateFileSystemInfos());
        Assert.DoesNotContain("link", log.Split("+ ls", 2)[1].Split('\n'));
        outside.Delete();
    }

    /// <summary>A runner's client that registers with <paramref name="token"/> and sends its secret, as githost-runner does.</summary>
    private async Task<HttpClient> RegisterAsync(string token)
    {
        var client = new HttpClient { BaseAddress = Server.BaseAddress };
        var register = new HttpRequestMessage(HttpMethod.Post, RunnerApi + "/register") { Content = JsonContent.Create(new { hostName = "forge", capacity = 1 }) };
        register.Headers.Add("X-GitHost-Runner-Token", token);
        var registered = await (await client.SendAsync(register, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        client.DefaultRequestHeaders.Add("X-GitHost-Runner-Token", registered.GetProperty("secret").GetString());
        return client;
    }

    private static byte[] ForgedArchive()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var name in new[] { "ok.txt", "../escape.txt", "/absolute.txt", "sub/../../up.txt", "dist/planted.txt" })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("inside the clone\n")) });
            }

            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc" });
        }

        return buffer.ToArray();
    }

    private static async Task<List<string>> EntryNamesAsync(Stream archive)
    {
        await using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (await tar.GetNextEntryAsync(cancellationToken: Ct) is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}
