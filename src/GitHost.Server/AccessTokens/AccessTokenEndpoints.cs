using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.AccessTokens;

namespace GitHost.Server.AccessTokens;

/// <summary>
/// <c>/rest/access-tokens/1.0</c>: personal, project and repository HTTP access tokens. Each owner
/// kind has the same five operations: list (GET), create (PUT, the only answer that shows the raw
/// token), and get (GET), update (POST) and revoke (DELETE) by id.
/// </summary>
internal static class AccessTokenEndpoints
{
    private delegate Task<AccessTokenOwner> OwnerResolver(HttpContext http, AccessTokenOwners owners);

    public static RouteGroupBuilder MapAccessTokenEndpoints(this RouteGroupBuilder tokens)
    {
        MapOwner(tokens, "/users/{userSlug}", (http, owners) =>
            owners.UserAsync(http.GetPrincipal(), Route(http, "userSlug"), http.RequestAborted));
        MapOwner(tokens, "/projects/{projectKey}", (http, owners) =>
            owners.ProjectAsync(http.GetPrincipal(), Route(http, "projectKey"), http.RequestAborted));
        MapOwner(tokens, "/projects/{projectKey}/repos/{repositorySlug}", (http, owners) =>
            owners.RepositoryAsync(http.GetPrincipal(), Route(http, "projectKey"), Route(http, "repositorySlug"), http.RequestAborted));
        return tokens;
    }

    private static void MapOwner(RouteGroupBuilder tokens, string pattern, OwnerResolver resolve)
    {
        tokens.MapGet(pattern, async (HttpContext http, AccessTokenOwners owners, AccessTokenService service, RestMapper mapper, LinkBuilder links, int? start, int? limit) =>
        {
            var request = PageRequest.Create(start, limit);
            var owner = await resolve(http, owners);
            var page = await service.ListAsync(owner, request, http.RequestAborted);
            return RestPage<RestAccessToken>.From(page, t => AccessTokenJson.From(t, owner, mapper, links));
        });

        tokens.MapPut(pattern, async (HttpContext http, AccessTokenOwners owners, AccessTokenService service, RestMapper mapper, LinkBuilder links, AccessTokenRequest body) =>
        {
            var owner = await resolve(http, owners);
            var created = await service.CreateAsync(
                http.GetPrincipal(), owner, new CreateAccessToken(body.Name, body.Permissions, body.ExpiryDays), http.RequestAborted);
            return AccessTokenJson.From(created.Token, owner, mapper, links, created.RawToken);
        });

        tokens.MapGet(pattern + "/{tokenId}", async (HttpContext http, AccessTokenOwners owners, AccessTokenService service, RestMapper mapper, LinkBuilder links, string tokenId) =>
        {
            var owner = await resolve(http, owners);
            return AccessTokenJson.From(await service.GetAsync(owner, tokenId, http.RequestAborted), owner, mapper, links);
        });

        tokens.MapPost(pattern + "/{tokenId}", async (
            HttpContext http, AccessTokenOwners owners, AccessTokenService service, CredentialCache credentials, RestMapper mapper, LinkBuilder links,
            string tokenId, AccessTokenRequest body) =>
        {
            var owner = await resolve(http, owners);
            var token = await service.UpdateAsync(
                http.GetPrincipal(), owner, tokenId, new UpdateAccessToken(body.Name, body.Permissions, body.ExpiryDays), http.RequestAborted);

            // Verified tokens are cached with their limits; the new ones must apply to the next request.
            credentials.InvalidateAll();
            return AccessTokenJson.From(token, owner, mapper, links);
        });

        tokens.MapDelete(pattern + "/{tokenId}", async (HttpContext http, AccessTokenOwners owners, AccessTokenService service, CredentialCache credentials, string tokenId) =>
        {
            var owner = await resolve(http, owners);
            await service.DeleteAsync(http.GetPrincipal(), owner, tokenId, http.RequestAborted);

            // A revoked token must stop at once, not when its cached verification expires.
            credentials.InvalidateAll();
            return TypedResults.NoContent();
        });
    }

    private static string Route(HttpContext http, string name) => http.GetRouteValue(name)?.ToString() ?? "";
}
