using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Server.Repositories;
using GitHost.Server.Rest;
using GitHost.Services.Content.Refs;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Content.Refs;

/// <summary>
/// The actor and repository of <c>repo:refs_changed</c> in Bitbucket's wire form. Links are built
/// for an anonymous viewer, so no clone URL in a stored event embeds the actor's user name.
/// </summary>
internal sealed class RestRefEventSubjects(GitHostDbContext db, RestMapper mapper, RepositoryListing repositories) : IRefEventSubjects
{
    public async Task<object?> ActorAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId is not { } id)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : mapper.User(user);
    }

    public async Task<object> RepositoryAsync(long repositoryId, CancellationToken cancellationToken) =>
        mapper.ToRest(await repositories.DetailsAsync(repositoryId, cancellationToken), Principal.Anonymous);
}
