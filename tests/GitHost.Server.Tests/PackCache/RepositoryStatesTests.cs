using GitHost.Services.Git.PackCache;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PackCache;

/// <summary>
/// The pack cache's view of a repository's state: read from content when the files' sizes or times moved, and at
/// least once per trust period otherwise; any ref git moves (a new file renamed over) gives a new fingerprint at once.
/// </summary>
public sealed class RepositoryStatesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("githost-states-").FullName;
    private readonly ManualClock _clock = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Ref_moved_created_deleted_or_packed_by_git_changes_the_fingerprint_at_once()
    {
        var gitDir = await RepositoryWithTwoCommitsAsync();
        var states = new RepositoryStates(_clock);
        var seen = new List<string> { states.Fingerprint(gitDir) };
        Assert.Equal(seen[0], states.Fingerprint(gitDir));

        await GitAsync(gitDir, "update-ref", "refs/heads/main", "HEAD~1");
        seen.Add(states.Fingerprint(gitDir));
        await GitAsync(gitDir, "update-ref", "refs/heads/topic", "HEAD");
        seen.Add(states.Fingerprint(gitDir));
        await GitAsync(gitDir, "pack-refs", "--all");
        seen.Add(states.Fingerprint(gitDir));
        await GitAsync(gitDir, "update-ref", "-d", "refs/heads/topic");
        seen.Add(states.Fingerprint(gitDir));
        await GitAsync(gitDir, "symbolic-ref", "HEAD", "refs/heads/other");
        seen.Add(states.Fingerprint(gitDir));

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen[^1], RepositoryState.Fingerprint(gitDir));
    }

    [Fact]
    public async Task Ref_rewritten_in_place_with_its_old_size_and_times_is_seen_once_the_trust_period_is_over()
    {
        var gitDir = await RepositoryWithTwoCommitsAsync();
        await GitAsync(gitDir, "update-ref", "refs/heads/main", "HEAD");
        var states = new RepositoryStates(_clock);
        var before = states.Fingerprint(gitDir);
        var file = new FileInfo(Path.Combine(gitDir, "refs", "heads", "main"));
        var written = file.LastWriteTimeUtc;
        var parent = (await GitAsync(gitDir, "rev-parse", "HEAD~1")).Trim();

        // Not how git writes a ref (it renames a new file over): what a file system with coarse times could look like.
        await File.WriteAllTextAsync(file.FullName, parent + "\n", Ct);
        File.SetLastWriteTimeUtc(file.FullName, written);

        Assert.Equal(before, states.Fingerprint(gitDir));
        _clock.Advance(RepositoryStates.ContentTrust);
        var after = states.Fingerprint(gitDir);
        Assert.NotEqual(before, after);
        Assert.Equal(RepositoryState.Fingerprint(gitDir), after);
    }

    [Fact]
    public async Task Repack_changes_the_fingerprint_and_a_missing_repository_has_one()
    {
        var gitDir = await RepositoryWithTwoCommitsAsync();
        var states = new RepositoryStates(_clock);
        var before = states.Fingerprint(gitDir);
        await GitAsync(gitDir, "repack", "-a", "-d");

        Assert.NotEqual(before, states.Fingerprint(gitDir));
        Assert.Equal(states.Fingerprint(Path.Combine(_root, "gone")), RepositoryState.Fingerprint(Path.Combine(_root, "gone")));
    }

    private async Task<string> RepositoryWithTwoCommitsAsync()
    {
        var gitDir = Path.Combine(_root, "repo.git");
        await GitAsync(_root, "init", "-q", "--bare", "-b", "main", gitDir);
        var tree = (await GitAsync(gitDir, "hash-object", "-t", "tree", "-w", "/dev/null")).Trim();
        var first = (await GitAsync(gitDir, "commit-tree", tree, "-m", "first")).Trim();
        var second = (await GitAsync(gitDir, "commit-tree", tree, "-p", first, "-m", "second")).Trim();
        await GitAsync(gitDir, "update-ref", "refs/heads/main", second);
        return gitDir;
    }

    private static async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var run = await GitCli.RunAsync(directory, arguments, Ct);
        Assert.True(run.ExitCode == 0, $"git {string.Join(' ', arguments)}: {run.StandardError}");
        return run.StandardOutput;
    }
}
