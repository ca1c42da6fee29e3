using GitHost.Core.Security;
using GitHost.Server.AccessTokens;
using GitHost.Server.Rest;
using GitHost.Services.AccessTokens;

namespace GitHost.Server.Content.Refs;

/// <summary>
/// The <c>actor</c> of a ref event: the user, or for a project or repository token the service user
/// it acts as (the same JSON the token's <c>user</c> shows), so receivers never get a null actor
/// for a push a CI job made with such a token. Null for an anonymous principal and for SSH access
/// keys (what Bitbucket names as their actor is unconfirmed).
/// </summary>
internal sealed class RefEventActors(EventActorLookup lookup, RestMapper mapper, LinkBuilder links)
{
    public async Task<object?> ActorAsync(Principal principal, CancellationToken cancellationToken) =>
        await lookup.FindAsync(principal, cancellationToken) switch
        {
            { User: { } user } => mapper.User(user),
            { Token: { } token, Owner: { } owner } => AccessTokenJson.ServiceUser(token, owner, links),
            _ => null,
        };
}
