namespace GitHost.Core.PullRequests;

/// <summary>OPEN and RESOLVED apply to tasks; PENDING is a comment of a review not yet published.</summary>
public enum CommentState
{
    Open = 0,
    Resolved = 1,
    Pending = 2,
}
