using GitHost.Core.Security;
using GitHost.Data.Users;
using GitHost.Server.Content.Refs;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;

namespace GitHost.Server.PullRequests;

/// <summary>
/// Pull request events' subjects in Bitbucket's wire form. Links are built for an anonymous viewer,
/// so no clone URL in a stored event embeds the actor's user name. The actor is named as ref events
/// name it: a project or repository token's service user rather than null.
/// </summary>
internal sealed class RestPullRequestEventSubjects(RestMapper mapper, LinkBuilder links, RefEventActors actors) : IPullRequestEventSubjects
{
    public object PullRequest(PullRequestView view) => mapper.ToRest(view, links, Principal.Anonymous);

    public Task<object?> ActorAsync(Principal principal, CancellationToken cancellationToken) => actors.ActorAsync(principal, cancellationToken);

    public object User(UserEntity user) => mapper.User(user);

    public object Participant(ParticipantView participant) => mapper.Participant(participant);
}
