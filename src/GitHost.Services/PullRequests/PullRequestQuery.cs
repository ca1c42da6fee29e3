using GitHost.Core.PullRequests;

namespace GitHost.Services.PullRequests;

/// <summary>INCOMING: pull requests into this repository; OUTGOING: from it (into it or into a fork's origin).</summary>
public enum PullRequestDirection
{
    Incoming,
    Outgoing,
}

/// <summary>One participant filter of a list (<c>username.N</c>, <c>role.N</c>, <c>approved.N</c>).</summary>
public sealed record ParticipantFilter(string UserName, ParticipantRole? Role, bool? Approved);

/// <summary>
/// The filters of <c>GET .../pull-requests</c>: <see cref="State"/> null means ALL; <see cref="At"/> is a
/// full ref (the target for INCOMING, the source for OUTGOING); NEWEST first unless <see cref="Oldest"/>.
/// </summary>
public sealed record PullRequestQuery(
    PullRequestState? State,
    PullRequestDirection Direction,
    string? At,
    bool Oldest,
    string? FilterText,
    bool? Draft,
    IReadOnlyList<ParticipantFilter> Participants);
