using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Content.Refs;
using GitHost.Services.PullRequests;
using GitHost.Services.PullRequests.Merges;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.BranchPermissions;

/// <summary>
/// Branch permissions for the ref changes the server makes itself (<see cref="RefChangeRecorder"/>):
/// the same <see cref="BranchRestrictionPolicy"/> as pushes. A refused REST change is Bitbucket's
/// 401 AuthorisationException; a refused merge is its 409 merge veto.
/// </summary>
public sealed class RefChangeRestrictions(GitHostDbContext db, BranchRestrictionPolicy policy)
{
    public async Task DemandAsync(Principal principal, long repositoryId, RefChange change, CancellationToken cancellationToken)
    {
        var repository = await db.Repositories.AsNoTracking().Where(r => r.Id == repositoryId)
            .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new RestrictedRepository(r.Id, p.Id, p.Key, r.Slug, r.DefaultBranch))
            .FirstAsync(cancellationToken);
        var proposed = new ProposedRefChange(change.RefId, change.FromHash, change.ToHash, change.ViaPullRequest, Quarantines: []);
        if (await policy.CheckAsync(principal, repository, proposed, cancellationToken) is not { } refusal)
        {
            return;
        }

        throw change.ViaPullRequest
            ? MergeFailures.Veto(false, [new MergeVeto("The target branch is restricted", refusal.Message)])
            : new GitHostException(FailureKind.Unauthorized, refusal.Message, exceptionName: BitbucketExceptionNames.Authorisation);
    }
}
