using GitHost.Core.Security;
using GitHost.Data.Users;

namespace GitHost.Services.PullRequests;

/// <summary>
/// The wire forms pull request events and errors carry (Bitbucket's RestPullRequest, RestUser and
/// RestPullRequestParticipant JSON). The REST layer owns those shapes, so it implements this seam;
/// services only place the objects in payloads.
/// </summary>
public interface IPullRequestEventSubjects
{
    object PullRequest(PullRequestView view);

    Task<object?> ActorAsync(Principal principal, CancellationToken cancellationToken);

    object User(UserEntity user);

    object Participant(ParticipantView participant);
}
