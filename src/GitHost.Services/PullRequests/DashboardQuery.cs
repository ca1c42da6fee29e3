using GitHost.Core.PullRequests;

namespace GitHost.Services.PullRequests;

/// <summary>
/// The filters of <c>/dashboard/pull-requests</c>: the user's role and status on the pull request,
/// its state, closed within the last <see cref="ClosedSinceSeconds"/>, and Bitbucket's orders.
/// </summary>
public sealed record DashboardQuery(
    string? UserName,
    ParticipantRole? Role,
    IReadOnlyList<ParticipantStatus> Statuses,
    PullRequestState? State,
    long? ClosedSinceSeconds,
    DashboardOrder Order);

public enum DashboardOrder
{
    Newest,
    Oldest,
    DraftStatus,
    ParticipantStatus,
    ClosedDate,
}
