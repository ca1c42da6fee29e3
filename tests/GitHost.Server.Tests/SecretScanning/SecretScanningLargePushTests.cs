using System.Diagnostics;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.SecretScanning;

/// <summary>
/// A push far over the scan bound passes with a warning instead of stalling. Its size comes from
/// GITHOST_TEST_LARGE_PUSH_MB (default 32; the 200 works, at about a minute on a small machine):
/// text files of 512 KB each (under the 1 MB binary threshold, so every byte is patch text).
/// </summary>
public sealed class SecretScanningLargePushTests(SecretScanningServers servers) : IClassFixture<SecretScanningServers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_over_the_size_bound_passes_with_a_warning()
    {
        var megabytes = int.TryParse(Environment.GetEnvironmentVariable("GITHOST_TEST_LARGE_PUSH_MB"), out var mb) && mb > 4 ? mb : 32;
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("SECRETS", "large", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var line = new byte[65];
        for (var file = 0; file < megabytes * 2; file++)
        {
            var content = new byte[512 * 1024];
            for (var offset = 0; offset + line.Length <= content.Length; offset += line.Length)
            {
                // Lower-case hex: nothing a default rule could match.
                Random.Shared.NextBytes(line);
                for (var i = 0; i < 64; i++)
                {
                    line[i] = (byte)"0123456789abcdef"[line[i] & 15];
                }

                line[64] = (byte)'\n';
                line.CopyTo(content, offset);
            }

            await tree.WriteAsync($"data/{file:D4}.txt", content);
        }

        var commit = await tree.CommitAsync("bulk data", Ct);
        var stopwatch = Stopwatch.StartNew();

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", server.AdminCloneUrl("SECRETS", "large"), "main");

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.Contains("remote: Warning: secret scanning stopped after 4 MB of changes (the limit is 4 MB); the rest of this push was not scanned.", pushed.StandardError);
        Assert.Equal($"{commit} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
        TestContext.Current.TestOutputHelper?.WriteLine($"{megabytes} MB pushed in {stopwatch.ElapsedMilliseconds} ms");
    }
}
