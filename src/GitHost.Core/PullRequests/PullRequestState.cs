namespace GitHost.Core.PullRequests;

/// <summary>Bitbucket's pull request states; the REST names are the upper-case forms.</summary>
public enum PullRequestState
{
    Open = 0,
    Declined = 1,
    Merged = 2,
}
