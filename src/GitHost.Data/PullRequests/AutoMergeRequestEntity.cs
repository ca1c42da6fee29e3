namespace GitHost.Data.PullRequests;

/// <summary>A request to merge a pull request as soon as every merge check passes (Bitbucket 8.15's auto-merge).</summary>
public sealed class AutoMergeRequestEntity
{
    public long PullRequestId { get; set; }

    public long RequestedById { get; set; }

    public long CreatedDate { get; set; }

    /// <summary>The source head when requested: a later push cancels the request, as in Bitbucket.</summary>
    public string FromCommit { get; set; } = "";

    public string? StrategyId { get; set; }

    public string? Message { get; set; }

    /// <summary>Bitbucket's <c>autoSubject</c> as asked for; null is its default (prepend the generated subject).</summary>
    public bool? AutoSubject { get; set; }
}
