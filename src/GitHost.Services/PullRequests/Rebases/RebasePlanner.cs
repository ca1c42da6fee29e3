using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.BranchPermissions;
using GitHost.Services.Permissions;
using GitHost.Services.PullRequests.Merges;
using Microsoft.EntityFrameworkCore;
using Signature = LibGit2Sharp.Signature;

namespace GitHost.Services.PullRequests.Rebases;

/// <summary>A rebase worked out in memory: what the source branch would move from and to, or why it cannot.</summary>
public sealed record RebasePlan(RebaseCondition Condition, string? NewHead, UserEntity? User)
{
    public bool Conflicted { get; init; }
}

/// <summary>
/// Decides whether the caller may rebase a pull request's source branch, and onto what. The cheap
/// preconditions come first (open, a branch, not a fork, a user with an e-mail address, write access
/// to the source repository, not archived, not up to date); only when they all pass are the source's
/// commits replayed onto the target in memory (<see cref="CommitReplay"/>), which finds conflicts and
/// a rebase that would leave nothing, and gives the new head that branch permissions judge (a
/// rebase rewrites the branch, so fast-forward-only and read-only refuse it; pull-request-only too).
/// The replay writes objects but moves no ref; <see cref="PullRequestRebaser"/> publishes it.
/// </summary>
public sealed class RebasePlanner(
    GitHostDbContext db,
    PullRequestViews views,
    PermissionService permissions,
    PullRequestGit git,
    CommitReplay replay,
    BranchRestrictionPolicy restrictions,
    TimeProvider time)
{
    public async Task<RebasePlan> PlanAsync(Principal principal, PullRequestTarget target, CancellationToken cancellationToken)
    {
        var pullRequest = target.PullRequest;
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        var fork = pullRequest.FromRepositoryId != pullRequest.RepositoryId;
        var level = fork
            ? await permissions.RepositoryLevelAsync(principal, view.Source.Repository, view.Source.Project, cancellationToken)
            : target.Level;
        var canWrite = level >= Permission.RepoWrite && principal.UserId is not null;
        var user = principal.UserId is { } userId ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) : null;

        var vetoes = new List<MergeVeto>();
        if (pullRequest.State != PullRequestState.Open)
        {
            vetoes.Add(RebaseVetoes.NotOpen(pullRequest.State));
        }

        if (!pullRequest.FromRef.StartsWith(PullRequestRefs.Heads, StringComparison.Ordinal))
        {
            vetoes.Add(RebaseVetoes.NotABranch(pullRequest.FromRef));
        }

        if (fork)
        {
            vetoes.Add(RebaseVetoes.Fork);
        }

        if (user is null)
        {
            vetoes.Add(RebaseVetoes.NoUser);
        }
        else if (string.IsNullOrWhiteSpace(user.Email))
        {
            vetoes.Add(RebaseVetoes.NoEmail);
        }

        if (level < Permission.RepoWrite)
        {
            vetoes.Add(RebaseVetoes.NoWrite(pullRequest.FromRef));
        }

        if (view.Target.Repository.Archived || view.Source.Repository.Archived)
        {
            vetoes.Add(RebaseVetoes.Archived);
        }

        if (vetoes.Count == 0 && await git.IsAncestorAsync(pullRequest.RepositoryId, pullRequest.ToCommit, pullRequest.FromCommit, cancellationToken))
        {
            vetoes.Add(RebaseVetoes.UpToDate);
        }

        if (vetoes.Count > 0)
        {
            return new RebasePlan(new RebaseCondition(false, canWrite, vetoes), null, user);
        }

        var committer = new Signature(user!.DisplayName, user.Email!, time.GetUtcNow());
        var replayed = replay.Replay(pullRequest.RepositoryId, pullRequest.ToCommit, pullRequest.FromCommit, committer);
        if (replayed.Conflicted)
        {
            var conflict = RebaseVetoes.Conflicts(replayed.ConflictingCommit!, replayed.ConflictedFiles);
            return new RebasePlan(new RebaseCondition(false, canWrite, [conflict]), null, user) { Conflicted = true };
        }

        if (replayed.Kept == 0)
        {
            return new RebasePlan(new RebaseCondition(false, canWrite, [RebaseVetoes.Empty]), null, user);
        }

        var proposed = new ProposedRefChange(pullRequest.FromRef, pullRequest.FromCommit, replayed.Head!, ViaPullRequest: false, Pushed: false);
        if (await restrictions.CheckAsync(principal, RestrictedRepository.Of(target.Repository), proposed, cancellationToken) is { } refusal)
        {
            return new RebasePlan(new RebaseCondition(false, canWrite, [RebaseVetoes.BranchPermission(refusal.Message)]), null, user);
        }

        return new RebasePlan(new RebaseCondition(true, canWrite, []), replayed.Head, user);
    }
}
