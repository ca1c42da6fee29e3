using System.Globalization;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.AccessTokens;
using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.AccessTokens;

/// <summary>
/// Who an event names as its actor: the signed-in user, or for a project or repository token the
/// token and its owner (the service user it acts as). Nothing for anonymous principals and for SSH
/// access keys (what Bitbucket names as their actor is unconfirmed).
/// </summary>
public sealed class EventActorLookup(GitHostDbContext db)
{
    public async Task<EventActor?> FindAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId is { } id)
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
            return user is null ? null : new EventActor(user, null, null);
        }

        // SSH access keys carry limits too, under their key id; only an HTTP token's principal is named token-{id}.
        if (principal.Token is not { IsPersonal: false } limits
            || principal.UserName != "token-" + limits.TokenId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == limits.TokenId, cancellationToken);
        var repository = limits.RepositoryId is { } repositoryId
            ? await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Id == repositoryId, cancellationToken)
            : null;
        var projectId = limits.ProjectId ?? repository?.ProjectId;
        var project = projectId is { } pid ? await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, cancellationToken) : null;
        if (token is null || project is null)
        {
            return null;
        }

        var owner = repository is null ? AccessTokenOwner.ForProject(project) : AccessTokenOwner.ForRepository(repository, project);
        return new EventActor(null, token, owner);
    }
}

/// <summary>A user, or a token with its owner.</summary>
public sealed record EventActor(UserEntity? User, AccessTokenEntity? Token, AccessTokenOwner? Owner);
