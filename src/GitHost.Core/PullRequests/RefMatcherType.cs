namespace GitHost.Core.PullRequests;

/// <summary>
/// How a ref matcher (default reviewers, required builds, branch permissions) picks refs, as in
/// Bitbucket: one ref by id, a glob pattern, a branching-model category or branch, or any ref.
/// </summary>
public enum RefMatcherType
{
    AnyRef = 0,
    Branch = 1,
    Pattern = 2,
    ModelCategory = 3,
    ModelBranch = 4,
}
