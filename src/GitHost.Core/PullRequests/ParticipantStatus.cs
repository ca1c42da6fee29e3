namespace GitHost.Core.PullRequests;

/// <summary>A participant's review state; <c>approved</c> in REST is <c>status == Approved</c>.</summary>
public enum ParticipantStatus
{
    Unapproved = 0,
    NeedsWork = 1,
    Approved = 2,
}
