using GitHost.Git.Commands;

namespace GitHost.Git.Storage;

/// <summary>Creates, forks and removes the bare repositories on disk.</summary>
public sealed class BareRepositoryStore(RepositoryLayout layout, GitCommandRunner git)
{
    public string PathOf(long repositoryId) => layout.PathOf(repositoryId);

    public async Task CreateAsync(long repositoryId, string defaultBranch, CancellationToken cancellationToken)
    {
        var path = layout.PathOf(repositoryId);
        Directory.CreateDirectory(layout.RepositoriesRoot);
        await DeleteLeftoverAsync(path);
        (await git.Command("init", "--bare", "--quiet")
            .Option("--initial-branch=" + RefNames.BranchRef(defaultBranch)[RefNames.HeadsPrefix.Length..])
            .Value(path)
            .RunAsync(cancellationToken)).EnsureSuccess();
    }

    /// <summary>
    /// Copies <paramref name="originId"/> into a new bare repository. Local clones hard-link the
    /// object files, which is safe because git never modifies an object file in place.
    /// </summary>
    public async Task ForkAsync(long originId, long forkId, CancellationToken cancellationToken)
    {
        var path = layout.PathOf(forkId);
        Directory.CreateDirectory(layout.RepositoriesRoot);
        await DeleteLeftoverAsync(path);
        (await git.Command("clone", "--bare", "--quiet", "--no-tags")
            .Value(layout.PathOf(originId))
            .Value(path)
            .RunAsync(cancellationToken)).EnsureSuccess();
        (await git.Command("fetch", "--quiet", "--tags")
            .GitDir(path)
            .Value(layout.PathOf(originId))
            .Option("+refs/heads/*:refs/heads/*")
            .RunAsync(cancellationToken)).EnsureSuccess();
    }

    /// <summary>Points HEAD at <paramref name="defaultBranch"/>, which is what clones check out; the branch need not exist yet.</summary>
    public async Task SetDefaultBranchAsync(long repositoryId, string defaultBranch, CancellationToken cancellationToken) =>
        (await git.Command("symbolic-ref", "HEAD")
            .GitDir(layout.PathOf(repositoryId))
            .Value(RefNames.BranchRef(defaultBranch))
            .RunAsync(cancellationToken)).EnsureSuccess();

    public Task DeleteAsync(long repositoryId) => DeleteLeftoverAsync(layout.PathOf(repositoryId));

    private static Task DeleteLeftoverAsync(string path)
    {
        if (Directory.Exists(path))
        {
            // Move aside first so a half-deleted directory is never mistaken for a repository.
            var trash = path + ".deleting-" + Guid.NewGuid().ToString("N");
            Directory.Move(path, trash);
            Directory.Delete(trash, recursive: true);
        }

        return Task.CompletedTask;
    }
}
