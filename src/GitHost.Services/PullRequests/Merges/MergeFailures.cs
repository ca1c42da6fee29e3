using GitHost.Core.Failures;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>The merge errors Bitbucket clients match on, with the extra members they read.</summary>
public static class MergeFailures
{
    public const string Vetoed = "com.atlassian.bitbucket.pull.PullRequestMergeVetoedException";

    /// <summary>409 with <c>conflicted</c> and <c>vetoes</c>, as Bitbucket's error carries them.</summary>
    public static GitHostException Veto(bool conflicted, IReadOnlyList<MergeVeto> vetoes) =>
        new(FailureKind.Conflict, "Merging the pull request has been vetoed.", exceptionName: Vetoed)
        {
            Extra = new Dictionary<string, object?>
            {
                ["conflicted"] = conflicted,
                ["vetoes"] = vetoes.Select(v => new { summaryMessage = v.SummaryMessage, detailedMessage = v.DetailedMessage }).ToList(),
            },
        };

    public static GitHostException Conflicted(IReadOnlyList<string> files) =>
        Veto(true, [new MergeVeto("The pull request has conflicts", $"Resolve the conflicts in {string.Join(", ", files)} before merging.")]);

    public static GitHostException NotFastForward(string strategyId) =>
        Veto(false, [new MergeVeto(
            "The target branch has commits the source branch does not have",
            $"The {strategyId} strategy only fast-forwards; rebase the source branch onto the target, or merge with another strategy.")]);

    /// <summary>The target moved between reading and publishing (a push or another merge won): re-read and retry.</summary>
    public static GitHostException TargetMoved(int currentVersion) =>
        new(FailureKind.Conflict,
            "The target branch moved while the pull request was being merged; read the pull request again and retry.",
            exceptionName: PullRequestFailures.OutOfDate)
        {
            Extra = new Dictionary<string, object?> { ["currentVersion"] = currentVersion },
        };

    public static GitHostException UnknownStrategy(string id) =>
        GitHostException.Invalid(
            $"'{new string(id.Take(100).Where(c => !char.IsControl(c)).ToArray())}' is not a merge strategy; use one of {string.Join(", ", MergeStrategies.All.Select(s => s.Id))}.",
            "strategyId");

    public static GitHostException StrategyDisabled(string id, IReadOnlyList<string> enabled) =>
        GitHostException.Invalid(
            $"The {id} merge strategy is not enabled for this repository; enabled: {string.Join(", ", enabled)}.", "strategyId");
}
