using GitHost.Git.Reading;
using GitHost.Services.Content;
using LibGit2Sharp;

namespace GitHost.Services.Git;

/// <summary>
/// Which updates of a push whose post-receive never ran made it to disk, judged from the refs as they
/// are now: a ref at its new id landed, a ref at its old id did not, and a ref that moved on since
/// landed if its new commit is in the ref's history (a later push built on it). A ref moved elsewhere,
/// or deleted and not asked to be, is counted as not landed: an event too few rather than one for a
/// change that never happened.
/// </summary>
public sealed class LandedRefUpdates(GitRepositoryOpener opener)
{
    public IReadOnlyList<RefUpdate> Of(long repositoryId, IReadOnlyList<RefUpdate> updates)
    {
        using var repo = opener.Open(repositoryId);
        return updates.Where(u => Landed(repo, u)).ToList();
    }

    private static bool Landed(Repository repo, RefUpdate update)
    {
        var now = repo.Refs[update.RefName]?.ResolveToDirectReference()?.TargetIdentifier;
        if (update.IsDelete || now is null)
        {
            return update.IsDelete && now is null;
        }

        if (now == update.NewId)
        {
            return true;
        }

        if (now == update.OldId || CommitResolver.Peel(repo.Lookup(update.NewId)) is not { } pushed
            || CommitResolver.Peel(repo.Lookup(now)) is not { } current)
        {
            return false;
        }

        return repo.ObjectDatabase.FindMergeBase(pushed, current)?.Sha == pushed.Sha;
    }
}
