using GitHost.Git.Commands;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Content;
using GitHost.Services.Content.Refs;

namespace GitHost.Services.PullRequests;

/// <summary>
/// What pull requests ask of git: the commit a ref points at, whether one commit is already in
/// another, bringing a fork's commits into the target repository, and the hidden
/// <c>refs/pull-requests/{id}/from</c> ref that keeps them there and lets CI fetch them.
/// </summary>
public sealed class PullRequestGit(GitRepositoryOpener opener, BareRepositoryStore store, GitCommandRunner git, RefUpdater refs)
{
    /// <summary>The commit a full ref points at (tags peeled), or null when the ref does not exist.</summary>
    public string? Resolve(long repositoryId, string fullRef)
    {
        using var repo = opener.Open(repositoryId);
        return CommitResolver.Peel(repo.Refs[fullRef])?.Sha;
    }

    /// <summary>True when <paramref name="ancestor"/> is reachable from <paramref name="descendant"/> (equal counts).</summary>
    public async Task<bool> IsAncestorAsync(long repositoryId, string ancestor, string descendant, CancellationToken cancellationToken)
    {
        var result = await git.Command("merge-base", "--is-ancestor")
            .GitDir(store.PathOf(repositoryId)).Value(ancestor).Value(descendant).RunAsync(cancellationToken);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw result.ToException(),
        };
    }

    /// <summary>
    /// Copies a fork's commit into the target repository's object store (objects only; the caller then
    /// points a hidden ref at it so housekeeping keeps it). By id, not by ref, so a push to the fork
    /// in between cannot make it fetch another commit than the one the pull request records. Forks
    /// share a hierarchy, so most objects are already there and only the new ones travel.
    /// </summary>
    public async Task FetchFromForkAsync(long targetId, long sourceId, string commit, CancellationToken cancellationToken)
    {
        // The fork's upload-pack runs as this fetch's child and inherits the -c setting.
        (await git.Command("fetch", "--quiet", "--no-tags", "--no-write-fetch-head")
            .Config("uploadpack.allowAnySHA1InWant", "true")
            .GitDir(store.PathOf(targetId))
            .Value(store.PathOf(sourceId))
            .Value(commit)
            .RunAsync(cancellationToken)).EnsureSuccess();
    }

    /// <summary>Points <c>refs/pull-requests/{number}/from</c> at the source head, whatever it held before.</summary>
    public async Task PublishFromRefAsync(long targetId, long number, string commit, CancellationToken cancellationToken)
    {
        (await git.Command("update-ref", "--no-deref")
            .GitDir(store.PathOf(targetId))
            .Value(FromRef(number))
            .Value(commit)
            .RunAsync(cancellationToken)).EnsureSuccess();
    }

    /// <summary>Removes the pull request's hidden refs (<c>from</c> and <c>merge</c>), when the pull request is deleted.</summary>
    public async Task DeleteRefsAsync(long targetId, long number, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { FromRef(number), MergeRef(number) })
        {
            if (Resolve(targetId, name) is { } current)
            {
                await refs.CompareAndSwapAsync(targetId, name, RefUpdater.ZeroId, current, cancellationToken);
            }
        }
    }

    public static string FromRef(long number) => $"refs/pull-requests/{number}/from";

    public static string MergeRef(long number) => $"refs/pull-requests/{number}/merge";
}
