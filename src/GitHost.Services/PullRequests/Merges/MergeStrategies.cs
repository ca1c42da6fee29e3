namespace GitHost.Services.PullRequests.Merges;

/// <summary>One of Bitbucket's seven merge strategies, with the names and flags its UI and clients show.</summary>
public sealed record MergeStrategy(string Id, string Name, string Description, string Flag);

/// <summary>Bitbucket's merge strategies; the ids are what clients send as <c>strategyId</c>.</summary>
public static class MergeStrategies
{
    public const string NoFastForward = "no-ff";

    public static IReadOnlyList<MergeStrategy> All { get; } =
    [
        new(NoFastForward, "Merge commit", "Always create a new merge commit", "--no-ff"),
        new("ff", "Fast-forward", "Fast-forward if possible", "--ff"),
        new("ff-only", "Fast-forward only", "Never create a merge commit", "--ff-only"),
        new("rebase-no-ff", "Rebase and merge", "Rebase commits and create a merge commit", "rebase + merge --no-ff"),
        new("rebase-ff-only", "Rebase and fast-forward", "Rebase commits and fast-forward", "rebase + merge --ff-only"),
        new("squash", "Squash", "Combine all commits into one new non-merge commit", "--squash"),
        new("squash-ff-only", "Squash, fast-forward only", "Combine all commits into one new commit if fast-forward is possible", "--squash --ff-only"),
    ];

    public static MergeStrategy? Find(string? id) => All.FirstOrDefault(s => s.Id == id);
}
