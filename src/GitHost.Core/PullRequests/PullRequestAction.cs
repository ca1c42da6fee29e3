namespace GitHost.Core.PullRequests;

/// <summary>What an activity records (Bitbucket's <c>action</c>; REST names are upper case with underscores).</summary>
public enum PullRequestAction
{
    Opened = 0,
    Updated = 1,
    Rescoped = 2,
    Commented = 3,
    Approved = 4,
    Unapproved = 5,
    Reviewed = 6,
    Merged = 7,
    Declined = 8,
    Reopened = 9,
    Deleted = 10,
    AutoMergeRequested = 11,
    AutoMergeCancelled = 12,
    ReviewCommented = 13,
    ReviewDiscarded = 14,
    ReviewFinished = 15,
}
