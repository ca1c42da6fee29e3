using GitHost.Git.Commands;
using GitHost.Git.Storage;

namespace GitHost.Services.BranchPermissions;

/// <summary>
/// Whether an update is a fast-forward: <c>git merge-base --is-ancestor old new</c>, which walks only
/// from the new tip back to the old one. During pre-receive the pushed objects are still in git's
/// quarantine (<c>objects/tmp_objdir-incoming-*</c>, moved in only after the hook agrees), which this
/// process's git cannot see; the push's folder is added as an alternate.
/// </summary>
public sealed class RefAncestry(GitCommandRunner git, RepositoryLayout layout)
{
    /// <summary>True when <paramref name="oldId"/> is an ancestor of <paramref name="newId"/>; false otherwise, or when git cannot tell.</summary>
    public async Task<bool> IsFastForwardAsync(long repositoryId, string oldId, string newId, IReadOnlyList<string> quarantines, CancellationToken cancellationToken)
    {
        var command = git.Command("merge-base", "--is-ancestor").GitDir(layout.PathOf(repositoryId)).Value(oldId).Value(newId);
        if (quarantines.Count > 0)
        {
            command.Environment("GIT_ALTERNATE_OBJECT_DIRECTORIES", string.Join(Path.PathSeparator, quarantines));
        }

        var result = await command.RunAsync(cancellationToken);
        return result.ExitCode == 0;
    }
}
