using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.PullRequests;

/// <summary>
/// Pull request events' subjects in Bitbucket's wire form. Links are built for an anonymous viewer,
/// so no clone URL in a stored event embeds the actor's user name.
/// </summary>
internal sealed class RestPullRequestEventSubjects(GitHostDbContext db, RestMapper mapper, LinkBuilder links) : IPullRequestEventSubjects
{
    public object PullRequest(PullRequestView view) => mapper.ToRest(view, links, Principal.Anonymous);

    public async Task<object?> ActorAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId is not { } id)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : mapper.User(user);
    }

    public object User(UserEntity user) => mapper.User(user);

    public object Participant(ParticipantView participant) => mapper.Participant(participant);
}
