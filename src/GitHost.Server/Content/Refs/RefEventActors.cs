using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Server.AccessTokens;
using GitHost.Server.Rest;
using GitHost.Services.AccessTokens;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Content.Refs;

/// <summary>
/// The <c>actor</c> of a ref event: the user, or for a project or repository token the service user
/// it acts as (the same JSON the token's <c>user</c> shows), so receivers never get a null actor
/// for a push a CI job made with such a token. Null for an anonymous principal and for SSH access
/// keys (what Bitbucket names as their actor is unconfirmed).
/// </summary>
internal sealed class RefEventActors(GitHostDbContext db, RestMapper mapper, LinkBuilder links)
{
    public async Task<object?> ActorAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId is { } id)
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
            return user is null ? null : mapper.User(user);
        }

        // SSH access keys carry limits too, under their key id; only an HTTP token's principal is named token-{id}.
        if (principal.Token is not { IsPersonal: false } limits
            || principal.UserName != "token-" + limits.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return null;
        }

        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == limits.TokenId, cancellationToken);
        var project = limits.ProjectId is { } projectId ? await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken) : null;
        var repository = limits.RepositoryId is { } repositoryId ? await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Id == repositoryId, cancellationToken) : null;
        if (repository is not null && project is null)
        {
            project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == repository.ProjectId, cancellationToken);
        }

        if (token is null || project is null)
        {
            return null;
        }

        var owner = repository is null ? AccessTokenOwner.ForProject(project) : AccessTokenOwner.ForRepository(repository, project);
        return AccessTokenJson.ServiceUser(token, owner, links);
    }
}
