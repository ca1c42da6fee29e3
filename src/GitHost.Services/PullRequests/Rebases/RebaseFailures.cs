using GitHost.Core.Failures;
using GitHost.Services.PullRequests.Merges;

namespace GitHost.Services.PullRequests.Rebases;

/// <summary>
/// The rebase errors: 409 with the vetoes (Bitbucket's "a PreRepositoryHook vetoed the rebase"), the
/// conflict named by commit and files, and the source branch moved under the rebase.
/// </summary>
public static class RebaseFailures
{
    public const string Vetoed = "com.atlassian.bitbucket.hook.repository.RepositoryHookVetoedException";

    public static GitHostException Veto(IReadOnlyList<MergeVeto> vetoes, bool conflicted) =>
        new(FailureKind.Conflict, "Rebasing the pull request has been vetoed: " + string.Join(" ", vetoes.Select(v => v.DetailedMessage)), exceptionName: Vetoed)
        {
            Extra = new Dictionary<string, object?>
            {
                ["conflicted"] = conflicted,
                ["vetoes"] = vetoes.Select(v => new { summaryMessage = v.SummaryMessage, detailedMessage = v.DetailedMessage }).ToList(),
            },
        };

    /// <summary>The source branch or the pull request changed between reading and publishing: re-read and retry.</summary>
    public static GitHostException SourceMoved(int currentVersion) =>
        new(FailureKind.Conflict,
            "The source branch moved while the pull request was being rebased; read the pull request again and retry.",
            exceptionName: PullRequestFailures.OutOfDate)
        {
            Extra = new Dictionary<string, object?> { ["currentVersion"] = currentVersion },
        };
}
