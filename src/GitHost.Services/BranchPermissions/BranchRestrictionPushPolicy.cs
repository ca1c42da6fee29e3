using GitHost.Services.Git;

namespace GitHost.Services.BranchPermissions;

/// <summary>Branch permissions at the pre-receive hook of every push (HTTP and SSH): the pusher sees the refusal as one <c>remote:</c> line.</summary>
public sealed class BranchRestrictionPushPolicy(BranchRestrictionPolicy policy) : IRefUpdatePolicy
{
    public async ValueTask<string?> CheckAsync(PushTarget push, RefUpdate update, CancellationToken cancellationToken)
    {
        var change = new ProposedRefChange(update.RefName, update.OldId, update.NewId, ViaPullRequest: false, push.Quarantines);
        var refusal = await policy.CheckAsync(push.Session.Principal, RestrictedRepository.Of(push.Repository), change, cancellationToken);
        return refusal?.Message;
    }
}
