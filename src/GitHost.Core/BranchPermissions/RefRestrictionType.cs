namespace GitHost.Core.BranchPermissions;

/// <summary>
/// What a branch restriction forbids, as Bitbucket's ref restrictions name them on the wire
/// (<see cref="RefRestrictionTypeIds"/>). Principals the restriction lists are exempt.
/// </summary>
public enum RefRestrictionType
{
    /// <summary><c>read-only</c>: no change at all (create, update, delete, merge).</summary>
    ReadOnly = 0,

    /// <summary><c>no-deletes</c>: the ref cannot be deleted.</summary>
    NoDeletes = 1,

    /// <summary><c>fast-forward-only</c>: no history rewrite; an update must keep the old tip as an ancestor.</summary>
    FastForwardOnly = 2,

    /// <summary><c>pull-request-only</c>: an existing ref moves only by merging a pull request.</summary>
    PullRequestOnly = 3,
}
