using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.BranchPermissions;
using GitHost.Services.Permissions;
using GitHost.Services.PullRequests.Merges;
using Microsoft.EntityFrameworkCore;
using Signature = LibGit2Sharp.Signature;

namespace GitHost.Services.PullRequests.Rebases;

/// <summary>A rebase worked out in memory: what the source branch would move from and to, or why it cannot.</summary>
public sealed record RebasePlan(RebaseCondition Condition, string? NewHead)
{
    public bool Conflicted { get; init; }
}

/// <summary>
/// Decides whether the caller may rebase a pull request's source branch, and onto what. The cheap
/// preconditions come first (open, a branch, a user with an e-mail address, write access to the
/// source repository, the target's or a fork's, not archived, not up to date); only when they all pass
/// are the source's commits replayed onto the target in memory, in the repository the source branch
/// lives in (<see cref="CommitReplay"/>), which finds conflicts and
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
    /// <summary>The caller's level on the repository the source branch lives in: the target's, or the fork's.</summary>
    public async Task<Permission> SourceLevelAsync(Principal principal, PullRequestTarget target, CancellationToken cancellationToken)
    {
        var pullRequest = target.PullRequest;
        if (pullRequest.FromRepositoryId == pullRequest.RepositoryId)
        {
            return target.Level;
        }

        var source = await db.Repositories.AsNoTracking().Where(r => r.Id == pullRequest.FromRepositoryId)
            .Join(db.Projects.AsNoTracking(), r => r.ProjectId, p => p.Id, (r, p) => new { Repository = r, Project = p })
            .FirstOrDefaultAsync(cancellationToken);
        return source is null ? Permission.None : await permissions.RepositoryLevelAsync(principal, source.Repository, source.Project, cancellationToken);
    }

    public async Task<RebasePlan> PlanAsync(Principal principal, PullRequestTarget target, CancellationToken cancellationToken)
    {
        var pullRequest = target.PullRequest;
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        var fork = pullRequest.FromRepositoryId != pullRequest.RepositoryId;
        var level = await SourceLevelAsync(principal, target, cancellationToken);
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
            return new RebasePlan(new RebaseCondition(false, canWrite, vetoes), null);
        }

        if (fork)
        {
            // The source branch lives in the fork, so the rebased commits must be written there; the fork
            // has the source's commits but maybe not the target head, which is copied in by id.
            await git.FetchFromForkAsync(pullRequest.FromRepositoryId, pullRequest.RepositoryId, pullRequest.ToCommit, cancellationToken);
        }

        var committer = new Signature(user!.DisplayName, user.Email!, time.GetUtcNow());
        var replayed = replay.Replay(pullRequest.FromRepositoryId, pullRequest.ToCommit, pullRequest.FromCommit, committer);
        if (replayed.Conflicted)
        {
            var conflict = RebaseVetoes.Conflicts(replayed.ConflictingCommit!, replayed.ConflictedFiles);
            return new RebasePlan(new RebaseCondition(false, canWrite, [conflict]), null) { Conflicted = true };
        }

        if (replayed.Kept == 0)
        {
            return new RebasePlan(new RebaseCondition(false, canWrite, [RebaseVetoes.Empty]), null);
        }

        var proposed = new ProposedRefChange(pullRequest.FromRef, pullRequest.FromCommit, replayed.Head!, ViaPullRequest: false, Quarantines: []);
        var source = new RestrictedRepository(
            view.Source.Repository.Id, view.Source.Project.Id, view.Source.Project.Key, view.Source.Repository.Slug, view.Source.Repository.DefaultBranch);
        if (await restrictions.CheckAsync(principal, source, proposed, cancellationToken) is { } refusal)
        {
            return new RebasePlan(new RebaseCondition(false, canWrite, [RebaseVetoes.BranchPermission(refusal.Message)]), null);
        }

        return new RebasePlan(new RebaseCondition(true, canWrite, []), replayed.Head);
    }
}
