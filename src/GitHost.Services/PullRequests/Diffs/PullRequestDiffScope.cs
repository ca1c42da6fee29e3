using GitHost.Services.Content;
using GitHost.Services.Content.Files;
using LibGit2Sharp;

namespace GitHost.Services.PullRequests.Diffs;

/// <summary>
/// A pull request's repository opened for one request, with the range its diff covers: by default
/// the merge base of the source and target heads to the source head (git's three-dot diff, what the
/// pull request would bring), or <c>sinceId</c>..<c>untilId</c> for iterative review.
/// </summary>
public sealed class PullRequestDiffScope(OpenedRepository repository, PullRequestTarget target, DiffRange range, string? mergeBase) : IDisposable
{
    public OpenedRepository Repository { get; } = repository;

    public PullRequestTarget Target { get; } = target;

    public DiffRange Range { get; } = range;

    /// <summary>The merge base of the recorded source and target heads; null when they share no history.</summary>
    public string? MergeBase { get; } = mergeBase;

    /// <summary>RANGE when the caller chose the commits, ALL for the pull request's whole diff.</summary>
    public bool IsRange { get; init; }

    public static PullRequestDiffScope Create(OpenedRepository repository, PullRequestTarget target, string? sinceId, string? untilId)
    {
        var pullRequest = target.PullRequest;
        var git = repository.Git;
        var from = git.Lookup<Commit>(pullRequest.FromCommit);
        var to = git.Lookup<Commit>(pullRequest.ToCommit);
        var mergeBase = from is null || to is null ? null : git.ObjectDatabase.FindMergeBase(from, to)?.Sha;
        if (string.IsNullOrEmpty(sinceId) && string.IsNullOrEmpty(untilId))
        {
            return new PullRequestDiffScope(repository, target, new DiffRange(mergeBase, pullRequest.FromCommit), mergeBase);
        }

        // untilId defaults to the source head; without sinceId the range starts where until left the target.
        var until = string.IsNullOrEmpty(untilId) ? from ?? throw CommitResolver.NotFound(pullRequest.FromCommit, "untilId") : CommitResolver.ResolveId(git, untilId, "untilId");
        var since = string.IsNullOrEmpty(sinceId)
            ? (to is null ? null : git.ObjectDatabase.FindMergeBase(until, to)?.Sha)
            : CommitResolver.ResolveId(git, sinceId, "sinceId").Sha;
        return new PullRequestDiffScope(repository, target, new DiffRange(since, until.Sha), mergeBase) { IsRange = true };
    }

    public void Dispose() => Repository.Dispose();
}
