namespace GitHost.Core.PullRequests;

public enum ParticipantRole
{
    Author = 0,
    Reviewer = 1,
    Participant = 2,
}
