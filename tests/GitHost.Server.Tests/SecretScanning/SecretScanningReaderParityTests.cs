using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.SecretScanning;

/// <summary>
/// A small push is read through libgit2 in the server's process, a large one by <c>git log -p</c>: the
/// same pushes through both must give the same findings (file, line, rule, commit) and the same
/// verdict, including what git treats specially: binary and oversized files, cut long lines, bytes that
/// are not UTF-8, CRLF, a missing final newline, quoted paths, empty files, mode and type changes,
/// symlinks, submodules, merges, annotated tags and commits the repository already has.
/// </summary>
public sealed class SecretScanningReaderParityTests(SecretScanningReaderServers servers) : IClassFixture<SecretScanningReaderServers>
{
    private const string Slug = "parity";
    private const int MaxLineLength = 4_096;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Libgit2_and_git_find_the_same_secrets_in_the_same_pushes()
    {
        var git = await RepositoryAsync(servers.Git);
        var inProcess = await RepositoryAsync(servers.InProcess);
        using var tree = await GitWorkTree.InitAsync(Ct);
        // Modes come from update-index alone, so "add --all" keeps the one set below.
        await tree.GitAsync(Ct, "config", "core.fileMode", "false");

        // 1. A new repository's first push: every kind of file git prints differently.
        await tree.WriteAsync("notes.txt", "one\nSECRET-1\nthree\nfour\nSECRET-2 and SECRET-3\n");
        await tree.WriteAsync("crlf.txt", "a\r\nSECRET-4\r\n");
        await tree.WriteAsync("nonl.txt", "x\nSECRET-5");
        await tree.WriteAsync("long.txt", "SECRET-6 " + new string('x', 5_000) + "\n" +
            new string('y', MaxLineLength - 6) + "SECRET-7\n" + new string('y', MaxLineLength - 16) + "SECRET-8\n");
        await tree.WriteAsync("utf8.txt", [0xE9, 0xFF, .. " SECRET-9\n"u8, .. "é SECRET-10\n"u8]);
        await tree.WriteAsync("dir with space/é file.txt", "SECRET-11\n");
        await tree.WriteAsync("q\"uote.txt", "SECRET-12\n");
        await tree.WriteAsync("blob.key", [0, 1, 2, .. "SECRET-13\n"u8]);
        await tree.WriteAsync("big.key", Repeated("SECRET-14 over the binary threshold\n", 1_200_000));
        await tree.WriteAsync("big.txt", Repeated("SECRET-15 over the binary threshold\n", 1_200_000));
        await tree.WriteAsync("empty.key", "");
        await tree.WriteAsync("mode.key", "plain\n");
        await tree.WriteAsync("gone.key", "content\n");
        await tree.WriteAsync("switch.key", "text SECRET-16\n");
        await tree.WriteAsync("heuristic.txt", "A\nSECRET-17\nB\n");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "link"), "SECRET-18");
        await tree.GitAsync(Ct, "add", "--all");
        await tree.GitAsync(Ct, "update-index", "--add", "--cacheinfo", "160000,0123456789abcdef0123456789abcdef01234567,vendor/lib");
        await tree.GitAsync(Ct, "commit", "--quiet", "-m", "first");

        var first = await PushBothAsync(tree, git, inProcess, "main");
        Assert.Contains(first, f => f.StartsWith("notes.txt:2 (Marker)", StringComparison.Ordinal));
        Assert.Contains(first, f => f.StartsWith("long.txt:3 (Marker)", StringComparison.Ordinal));
        Assert.DoesNotContain(first, f => f.StartsWith("long.txt:2 ", StringComparison.Ordinal));
        Assert.Contains(first, f => f.StartsWith("blob.key (Key file)", StringComparison.Ordinal));
        Assert.Contains(first, f => f.StartsWith("big.key (Key file)", StringComparison.Ordinal));
        Assert.DoesNotContain(first, f => f.StartsWith("big.", StringComparison.Ordinal) && f.Contains("(Marker)", StringComparison.Ordinal));
        Assert.DoesNotContain(first, f => f.StartsWith("empty.key", StringComparison.Ordinal));
        Assert.Contains(first, f => f.StartsWith("vendor/lib:1 (Submodule)", StringComparison.Ordinal));
        Assert.Contains(first, f => f.StartsWith("dir with space/é file.txt:1 (Marker)", StringComparison.Ordinal));

        // 2. Two commits changing those files: inserted lines, a repeated line the diff may align either
        //    way, a mode change, a symlink turned file, a deletion, binary edits, a file emptied.
        await tree.WriteAsync("notes.txt", "one\nnew SECRET-19\nSECRET-1\nthree\nfour\nSECRET-2 and SECRET-3\nSECRET-20\n");
        await tree.WriteAsync("heuristic.txt", "A\nSECRET-17\nX\nSECRET-17\nB\n");
        await tree.GitAsync(Ct, "update-index", "--chmod=+x", "mode.key");
        File.Delete(Path.Combine(tree.Path, "link"));
        await tree.WriteAsync("link", "SECRET-21\n");
        tree.Delete("nonl.txt");
        await tree.WriteAsync("blob.key", [0, 3, 4, .. "SECRET-22\n"u8]);
        await tree.WriteAsync("gone.key", "");
        await tree.WriteAsync("switch.key", [0, .. "binary SECRET-23\n"u8]);
        await tree.CommitAsync("second", Ct);
        await tree.WriteAsync("big.key", Repeated("SECRET-24 still over the threshold\n", 1_300_000));
        await File.AppendAllTextAsync(Path.Combine(tree.Path, "utf8.txt"), "SECRET-25\n", Ct);
        await tree.CommitAsync("third", Ct);

        var second = await PushBothAsync(tree, git, inProcess, "main");
        Assert.Contains(second, f => f.StartsWith("notes.txt:2 (Marker)", StringComparison.Ordinal));
        Assert.Contains(second, f => f.StartsWith("notes.txt:7 (Marker)", StringComparison.Ordinal));
        Assert.Contains(second, f => f.StartsWith("link:1 (Marker)", StringComparison.Ordinal));
        Assert.Contains(second, f => f.StartsWith("gone.key (Key file)", StringComparison.Ordinal));
        Assert.DoesNotContain(second, f => f.StartsWith("mode.key", StringComparison.Ordinal));
        Assert.DoesNotContain(second, f => f.StartsWith("nonl.txt", StringComparison.Ordinal));

        // 3. A merge: git log -p shows no diff for the merge commit itself, only for the commits it brings.
        await tree.GitAsync(Ct, "checkout", "--quiet", "-b", "side");
        await tree.WriteAsync("side.txt", "SECRET-26\n");
        await tree.CommitAsync("side", Ct);
        await tree.GitAsync(Ct, "checkout", "--quiet", "main");
        await tree.WriteAsync("main.txt", "SECRET-27\n");
        await tree.CommitAsync("main", Ct);
        await tree.GitAsync(Ct, "merge", "--quiet", "--no-edit", "side");

        var merged = await PushBothAsync(tree, git, inProcess, "main");
        Assert.Contains(merged, f => f.StartsWith("side.txt:1 (Marker)", StringComparison.Ordinal));
        Assert.Contains(merged, f => f.StartsWith("main.txt:1 (Marker)", StringComparison.Ordinal));

        // 4. A branch from a commit the server has, one new commit and an annotated tag on it; and a
        //    branch that brings nothing new.
        await tree.GitAsync(Ct, "checkout", "--quiet", "-b", "topic", "main~1");
        await tree.WriteAsync("topic.txt", "SECRET-28\n");
        await tree.CommitAsync("topic", Ct);
        await tree.GitAsync(Ct, "tag", "-a", "v1", "-m", "v1");

        var tagged = await PushBothAsync(tree, git, inProcess, "topic", "v1", "main:refs/heads/copy");
        Assert.Equal("topic.txt:1 (Marker)", Assert.Single(tagged)[..20]);

        // 5. A blocking finding refuses the push on both, with the same lines.
        await tree.WriteAsync("aws.env", SecretSamples.AwsConfig);
        await tree.CommitAsync("aws", Ct);

        var refused = await PushBothAsync(tree, git, inProcess, "topic");
        Assert.Contains(refused, f => f.StartsWith("aws.env:2: AWS access key id", StringComparison.Ordinal));

        Assert.Equal(5, servers.Git.Logs.Lines.Count(l => l.Contains($"push to {git} read by git:", StringComparison.Ordinal)));
        Assert.Equal(5, servers.InProcess.Logs.Lines.Count(l => l.Contains($"push to {inProcess} read by libgit2:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_small_push_reads_its_own_quarantine_whatever_a_large_push_next_door_holds()
    {
        const string slug = "next-door";
        var id = await servers.InProcess.CreateRepositoryAsync("PARITY", slug, Ct);
        using (var admin = servers.InProcess.AdminClient())
        {
            var created = await admin.PostAsJsonAsync($"/rest/api/1.0/projects/PARITY/repos/{slug}/secret-scanning/rules",
                new { name = "Marker", lineRegex = "SECRET-[0-9]+", action = "WARN" }, Ct);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        // Another push in progress, mid-way through receiving a pack: its quarantine is in the same objects folder.
        var neighbour = Path.Combine(servers.InProcess.RepositoryPath(id), "objects", "tmp_objdir-incoming-next", "pack");
        Directory.CreateDirectory(neighbour);
        await File.WriteAllBytesAsync(Path.Combine(neighbour, "pack-1.pack"), new byte[64 * 1024], Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("notes.txt", "SECRET-1\n");
        await tree.CommitAsync("first", Ct);

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", servers.InProcess.AdminCloneUrl("PARITY", slug), "main");

        Assert.Equal(0, pushed.ExitCode);
        Assert.Equal("notes.txt:1 (Marker)", Assert.Single(Findings(pushed.StandardError))[..20]);
        Assert.Contains(servers.InProcess.Logs.Lines, l => l.Contains($"push to {id} read by libgit2:", StringComparison.Ordinal));
    }

    /// <summary>The repository on one server, with a line rule that runs on every line, a path-only rule and one for submodule lines.</summary>
    private static async Task<long> RepositoryAsync(GitHostTestServer server)
    {
        var id = await server.CreateRepositoryAsync("PARITY", Slug, Ct);
        using var admin = server.AdminClient();
        object[] rules =
        [
            new { name = "Marker", lineRegex = "SECRET-[0-9]+", action = "WARN" },
            new { name = "Key file", pathRegex = @"\.key$", action = "WARN" },
            new { name = "Submodule", lineRegex = "^Subproject commit [0-9a-f]{40}$", action = "WARN" },
        ];
        foreach (var rule in rules)
        {
            var created = await admin.PostAsJsonAsync($"/rest/api/1.0/projects/PARITY/repos/{Slug}/secret-scanning/rules", rule, Ct);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        return id;
    }

    /// <summary>
    /// Pushes to both servers and asserts the same outcome and findings; returns them without the
    /// <c>remote:</c> framing ("path:line (rule) in commit …" for warnings, "path:line: rule … in commit …"
    /// for refusals), in the order the git reader reported them within each commit.
    /// </summary>
    private async Task<IReadOnlyList<string>> PushBothAsync(GitWorkTree tree, long gitId, long inProcessId, params string[] refspecs)
    {
        var byGit = await GitHttpTestApi.GitAsync(tree.Path, Ct, ["push", servers.Git.AdminCloneUrl("PARITY", Slug), .. refspecs]);
        var byLibgit2 = await GitHttpTestApi.GitAsync(tree.Path, Ct, ["push", servers.InProcess.AdminCloneUrl("PARITY", Slug), .. refspecs]);

        Assert.Equal(byGit.ExitCode, byLibgit2.ExitCode);
        var expected = Findings(byGit.StandardError);
        Assert.Equal(expected, Findings(byLibgit2.StandardError));
        Assert.NotEmpty(expected);
        Assert.Equal(await servers.Git.RefsOnDiskAsync(gitId, Ct), await servers.InProcess.RefsOnDiskAsync(inProcessId, Ct));
        return expected;
    }

    /// <summary>
    /// The finding lines of a push's stderr (not the pull request links, also indented), grouped by commit (commits with the same timestamp may be
    /// walked in either order; within a commit, files and lines keep the order the reader found them in).
    /// </summary>
    private static List<string> Findings(string standardError)
    {
        const string warning = "remote: Warning: possible secret at ";
        const string refusal = "remote:   ";
        return standardError.Split('\n')
            .Select(l => l.TrimEnd())
            .Select(l => l.StartsWith(warning, StringComparison.Ordinal) ? l[warning.Length..l.IndexOf(". The push was accepted", StringComparison.Ordinal)]
                : l.StartsWith(refusal, StringComparison.Ordinal) && l.Contains(" in commit ", StringComparison.Ordinal) ? l[refusal.Length..]
                : null)
            .OfType<string>()
            .OrderBy(l => l[(l.LastIndexOf(" in commit ", StringComparison.Ordinal) + 11)..], StringComparer.Ordinal)
            .ToList();
    }

    private static byte[] Repeated(string line, int atLeastBytes)
    {
        var text = new StringBuilder(atLeastBytes + line.Length);
        while (text.Length < atLeastBytes)
        {
            text.Append(line);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
