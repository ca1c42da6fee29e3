namespace GitHost.Services.PullRequests;

/// <summary>
/// One merge check (Bitbucket's "merge check"): approvals, tasks, builds, Insights reports, and so
/// on. <c>GET .../merge</c> asks every registered check and lists each refusal as a veto; a merge
/// goes ahead only when none refuses. Register more with <c>services.AddScoped&lt;IMergeCheck, T&gt;()</c>.
/// </summary>
public interface IMergeCheck
{
    /// <summary>The vetoes this check raises against merging the pull request now (empty: it may merge).</summary>
    Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken);
}

/// <summary>A refusal a reviewer understands: a one-line summary and what to do about it.</summary>
public sealed record MergeVeto(string SummaryMessage, string DetailedMessage);
