namespace GitHost.Core.PullRequests;

/// <summary>A BLOCKER comment is a task: the "all tasks resolved" merge check counts the open ones.</summary>
public enum CommentSeverity
{
    Normal = 0,
    Blocker = 1,
}
