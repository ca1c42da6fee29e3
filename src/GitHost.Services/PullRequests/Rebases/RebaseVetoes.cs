using GitHost.Services.PullRequests.Merges;

namespace GitHost.Services.PullRequests.Rebases;

/// <summary>The reasons a rebase is refused, worded as Bitbucket's rebase vetoes (summary, then what to do).</summary>
internal static class RebaseVetoes
{
    public static MergeVeto NotOpen(Core.PullRequests.PullRequestState state) => new(
        "The pull request is not open",
        $"Only an open pull request can be rebased; this one is {state.ToString().ToUpperInvariant()}.");

    public static MergeVeto NotABranch(string fromRef) => new(
        "The source is not a branch",
        $"'{fromRef}' is not a branch; only a branch (refs/heads/...) can be rebased.");

    public static readonly MergeVeto NoUser = new(
        "Rebasing needs a user",
        "Sign in as a user to rebase: the rebased commits record you as their committer, so anonymous callers and project or repository access tokens cannot rebase.");

    public static readonly MergeVeto NoEmail = new(
        "You have no e-mail address",
        "The rebased commits record you as their committer, which needs an e-mail address; add one to your account first.");

    public static MergeVeto NoWrite(string fromRef) => new(
        "Insufficient permissions",
        $"You have insufficient permissions to rebase '{fromRef}': it needs write access to the source repository.");

    public static readonly MergeVeto Archived = new(
        "The repository is archived",
        "The repository is archived: unarchive it before rebasing.");

    public static readonly MergeVeto UpToDate = new(
        "The source branch is up to date",
        "The source branch already contains every commit of the target branch; there is nothing to rebase.");

    public static readonly MergeVeto Empty = new(
        "The rebase would leave the pull request empty",
        "Every commit of the source branch is already in the target branch; rebasing would leave the pull request with nothing to merge.");

    public static MergeVeto Conflicts(string commit, IReadOnlyList<string> files) => new(
        "The rebase has conflicts",
        $"Commit {commit[..11]} conflicts with the target branch in {string.Join(", ", files.Take(20))}{(files.Count > 20 ? $" and {files.Count - 20} more" : "")}; rebase locally, resolve the conflicts and push.");

    public static MergeVeto BranchPermission(string message) => new("Insufficient branch permissions", message);
}
