using GitHost.Core.PullRequests;

namespace GitHost.Data.PullRequests;

/// <summary>The author, a reviewer or a participant (someone who commented or approved without being asked).</summary>
public sealed class PullRequestParticipantEntity
{
    public long PullRequestId { get; set; }

    public long UserId { get; set; }

    public ParticipantRole Role { get; set; }

    public ParticipantStatus Status { get; set; }

    /// <summary>The source head the participant last approved or asked for changes on.</summary>
    public string? LastReviewedCommit { get; set; }
}
