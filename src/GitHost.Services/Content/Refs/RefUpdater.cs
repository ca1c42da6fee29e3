using GitHost.Git.Commands;
using GitHost.Git.Storage;

namespace GitHost.Services.Content.Refs;

/// <summary>
/// Moves refs with git's compare-and-swap: <c>git update-ref &lt;ref&gt; &lt;new&gt; &lt;old&gt;</c> takes
/// the ref's lock and changes it only if it still holds <c>old</c> (40 zeros: "must not exist"), so
/// of two writers racing from the same state exactly one wins. LibGit2Sharp never writes refs.
/// <code>
/// if (!await refs.CompareAndSwapAsync(repoId, "refs/heads/x", newSha, RefUpdater.ZeroId, ct)) { /* someone else won */ }
/// </code>
/// </summary>
public sealed class RefUpdater(BareRepositoryStore store, GitCommandRunner git)
{
    public const string ZeroId = "0000000000000000000000000000000000000000";

    /// <summary>
    /// Sets <paramref name="refName"/> to <paramref name="newId"/> if it is at <paramref name="oldId"/>;
    /// <paramref name="newId"/> = <see cref="ZeroId"/> deletes it. False when the ref was not at
    /// <paramref name="oldId"/> (or another ref blocks the name, as <c>a</c> blocks <c>a/b</c>).
    /// </summary>
    public async Task<bool> CompareAndSwapAsync(long repositoryId, string refName, string newId, string oldId, CancellationToken cancellationToken)
    {
        // The values are a validated full ref name (it starts with "refs/") and two hex object ids.
        var command = newId == ZeroId
            ? git.Command("update-ref", "--no-deref", "-d").GitDir(store.PathOf(repositoryId)).Value(refName).Value(oldId)
            : git.Command("update-ref", "--no-deref").GitDir(store.PathOf(repositoryId)).Value(refName).Value(newId).Value(oldId);
        var result = await command.RunAsync(cancellationToken);

        // update-ref exits 128 for a lost race, an existing ref or a directory/file name clash alike;
        // callers re-read the ref to tell their caller which it was.
        return result.Succeeded;
    }
}
