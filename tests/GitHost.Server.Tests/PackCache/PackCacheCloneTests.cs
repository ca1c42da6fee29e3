using System.Diagnostics;
using System.Text;
using GitHost.Data;
using GitHost.Git.Transport;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PackCache;

/// <summary>
/// The pack cache with the real git client: every kind of clone is served right, first generated then
/// stored; a push is seen at once; identical concurrent clones start upload-pack once per request; a
/// stored answer is the very bytes git sends. "Started as process" log lines count the git processes.
/// </summary>
public sealed class PackCacheCloneTests : IAsyncLifetime
{
    private GitHostTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, CancellationToken.None);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> Kinds => new()
    {
        { "2", "" },
        { "2", "--depth=1" },
        { "2", "--filter=blob:none" },
        { "0", "" },
        { "0", "--depth=1" },
        { "0", "--filter=blob:none" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_clone_is_served_right_when_generated_and_again_from_the_stored_answer_without_git(string protocol, string kind)
    {
        var slug = "kind-v" + protocol + (kind.Length == 0 ? "-full" : kind.Replace("--", "-").Replace('=', '-').Replace(':', '-'));
        var (id, head) = await SeedAsync(slug, commits: 3);
        var work = Directory.CreateTempSubdirectory("githost-cache-kind-").FullName;
        string[] options = ["-c", "protocol.version=" + protocol, "clone", "--quiet", "--no-local", .. kind.Length == 0 ? Array.Empty<string>() : [kind]];

        var processesBefore = UploadPackProcesses(id);
        var first = await GitCli.RunAsync(work, [.. options, Url(slug), "first"], Ct);
        var processesForFirst = UploadPackProcesses(id) - processesBefore;
        var second = await GitCli.RunAsync(work, [.. options, Url(slug), "second"], Ct);

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.True(processesForFirst >= 2, $"the first clone started {processesForFirst} upload-pack processes");
        Assert.Equal(processesBefore + processesForFirst, UploadPackProcesses(id));
        foreach (var clone in new[] { "first", "second" })
        {
            var directory = Path.Combine(work, clone);
            Assert.Equal(head, (await GitCli.RunAsync(directory, ["rev-parse", "HEAD"], Ct)).EnsureSuccess().StandardOutput.Trim());
            Assert.Equal(kind == "--depth=1", File.Exists(Path.Combine(directory, ".git", "shallow")));
            Assert.Equal(kind.StartsWith("--filter", StringComparison.Ordinal),
                Directory.EnumerateFiles(Path.Combine(directory, ".git", "objects", "pack"), "*.promisor").Any());
            var fsck = await GitCli.RunAsync(directory, ["fsck", "--no-progress", "--connectivity-only"], Ct);
            Assert.True(fsck.ExitCode == 0, fsck.StandardError);
            Assert.Equal("file 3\n", await File.ReadAllTextAsync(Path.Combine(directory, "file.txt"), Ct));
        }

        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_push_between_two_clones_is_in_the_second()
    {
        var (id, _) = await SeedAsync("pushed", commits: 1);
        var work = Directory.CreateTempSubdirectory("githost-cache-push-").FullName;
        (await GitCli.RunAsync(work, ["clone", "--quiet", Url("pushed"), "first"], Ct)).EnsureSuccess();
        var first = Path.Combine(work, "first");
        await File.WriteAllTextAsync(Path.Combine(first, "file.txt"), "after the first clone\n", Ct);
        (await GitCli.RunAsync(first, ["commit", "--quiet", "-am", "pushed"], Ct)).EnsureSuccess();
        (await GitCli.RunAsync(first, ["push", "--quiet", "origin", "main"], Ct)).EnsureSuccess();
        var pushed = (await GitCli.RunAsync(first, ["rev-parse", "HEAD"], Ct)).EnsureSuccess().StandardOutput.Trim();

        var second = await GitCli.RunAsync(work, ["clone", "--quiet", Url("pushed"), "second"], Ct);
        var listed = await GitCli.RunAsync(work, ["ls-remote", Url("pushed"), "refs/heads/main"], Ct);

        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Equal(pushed, (await GitCli.RunAsync(Path.Combine(work, "second"), ["rev-parse", "HEAD"], Ct)).EnsureSuccess().StandardOutput.Trim());
        Assert.Equal($"{pushed}\trefs/heads/main\n", listed.StandardOutput);
        Assert.True(UploadPackProcesses(id) > 0);
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task Identical_concurrent_clones_start_upload_pack_once_per_request()
    {
        var (id, head) = await SeedAsync("burst", commits: 20, fileBytes: 200_000);
        var work = Directory.CreateTempSubdirectory("githost-cache-burst-").FullName;
        var before = UploadPackProcesses(id);

        var clones = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            GitCli.RunAsync(work, ["-c", "protocol.version=2", "clone", "--quiet", "--bare", Url("burst"), "clone-" + i], Ct)));

        Assert.All(clones, clone => Assert.True(clone.ExitCode == 0, clone.StandardError));
        foreach (var i in Enumerable.Range(0, 8))
        {
            Assert.Equal(head, (await GitCli.RunAsync(Path.Combine(work, "clone-" + i), ["rev-parse", "refs/heads/main"], Ct)).StandardOutput.Trim());
        }

        // One advertisement, one ls-refs, one fetch: whichever clone came first ran them, the others read along or later.
        Assert.Equal(3, UploadPackProcesses(id) - before);
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_stored_answer_is_byte_for_byte_what_git_upload_pack_sends_for_the_request()
    {
        var (id, head) = await SeedAsync("bytes", commits: 5);
        var request = (byte[])[
            .. PktLine.Encode("command=fetch\n"), .. PktLine.Encode("object-format=sha1\n"), .. "0001"u8.ToArray(),
            .. PktLine.Encode("no-progress\n"), .. PktLine.Encode("ofs-delta\n"), .. PktLine.Encode($"want {head}\n"), .. PktLine.Encode("done\n"), .. PktLine.Flush];

        var generated = await FetchAsync("bytes", request);
        var stored = await FetchAsync("bytes", request);
        var direct = await DirectUploadPackAsync(_server.RepositoryPath(id), request);

        Assert.True(generated.Length > 100, $"the answer has only {generated.Length} bytes");
        Assert.Equal(generated, stored);
        // git relays pack-objects' output in whatever pieces a read returns, so only the framing may differ.
        var (directLines, directPack) = Deframed(direct);
        var (cachedLines, cachedPack) = Deframed(generated);
        Assert.Equal(directLines, cachedLines);
        Assert.Equal(directPack, cachedPack);
    }

    /// <summary>The lines before the pack, then the pack's bytes joined from its side-band packets.</summary>
    private static (string Lines, byte[] Pack) Deframed(byte[] answer)
    {
        var lines = new StringBuilder();
        using var pack = new MemoryStream();
        var inPack = false;
        for (var at = 0; at < answer.Length;)
        {
            var length = Convert.ToInt32(Encoding.ASCII.GetString(answer, at, 4), 16);
            if (length < 4)
            {
                lines.Append(length).Append('|');
                at += 4;
                continue;
            }

            var payload = answer.AsSpan(at + 4, length - 4);
            if (inPack && payload[0] == 1)
            {
                pack.Write(payload[1..]);
            }
            else
            {
                lines.Append(Encoding.ASCII.GetString(payload)).Append('|');
                inPack |= payload.SequenceEqual("packfile\n"u8);
            }

            at += length;
        }

        return (lines.ToString(), pack.ToArray());
    }

    private async Task<byte[]> FetchAsync(string slug, byte[] body)
    {
        using var admin = _server.AdminClient();
        using var post = GitHttpTestApi.GitPost($"/scm/cache/{slug}.git/git-upload-pack", "git-upload-pack", new ByteArrayContent(body));
        post.Headers.Add("Git-Protocol", "version=2");
        using var response = await admin.SendAsync(post, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private static async Task<byte[]> DirectUploadPackAsync(string repository, byte[] body)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "uploadpack.allowFilter=true", "-c", "uploadpack.allowAnySHA1InWant=true", "-c", "uploadpack.hideRefs=refs/replace/", "upload-pack", "--stateless-rpc", repository })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_PROTOCOL"] = "version=2";
        using var git = Process.Start(start)!;
        await git.StandardInput.BaseStream.WriteAsync(body, Ct);
        git.StandardInput.Close();
        using var output = new MemoryStream();
        await git.StandardOutput.BaseStream.CopyToAsync(output, Ct);
        await git.WaitForExitAsync(Ct);
        Assert.Equal(0, git.ExitCode);
        return output.ToArray();
    }

    private async Task<(long Id, string Head)> SeedAsync(string slug, int commits, int fileBytes = 0)
    {
        var head = "";
        var seeded = await _server.SeedRepositoryAsync("CACHE", slug, async tree =>
        {
            for (var i = 1; i <= commits; i++)
            {
                await tree.WriteAsync("file.txt", $"file {i}\n");
                await tree.WriteAsync($"dir/blob-{i}.bin", fileBytes > 0 ? RandomText(fileBytes, i) : $"blob {i}\n");
                head = await tree.CommitAsync("commit " + i, Ct);
            }
        }, Ct, "main");
        return (seeded.Id, head);
    }

    private static string RandomText(int length, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append((char)('a' + random.Next(26)));
        }

        return text.ToString();
    }

    private string Url(string slug) => _server.AdminCloneUrl("CACHE", slug);

    private int UploadPackProcesses(long id) =>
        _server.Logs.Lines.Count(line => line.Contains($"git-upload-pack for repository {id} started as process", StringComparison.Ordinal));
}
