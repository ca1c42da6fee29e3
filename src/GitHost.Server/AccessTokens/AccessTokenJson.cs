using System.Globalization;
using GitHost.Data.AccessTokens;
using GitHost.Server.Rest;
using GitHost.Services.AccessTokens;

namespace GitHost.Server.AccessTokens;

/// <summary>
/// Maps tokens to the wire. Project and repository tokens act as a service user named
/// <c>token-{id}</c> (the name the credential verifier gives their principal); Bitbucket creates a
/// real service user for them, whose exact shape is unconfirmed.
/// </summary>
internal static class AccessTokenJson
{
    public static RestAccessToken From(AccessTokenEntity token, AccessTokenOwner owner, RestMapper mapper, LinkBuilder links, string? rawToken = null) => new(
        token.Id.ToString(CultureInfo.InvariantCulture),
        token.Name,
        token.CreatedDate,
        token.LastAuthenticated,
        token.ExpiryDate,
        AccessTokenPermissions.Names(token.ProjectPermission, token.RepositoryPermission),
        owner.User is { } user ? mapper.User(user) : ServiceUser(token, owner, links),
        rawToken);

    /// <summary>The service user a project or repository token acts as; events name it as their actor.</summary>
    public static RestUser ServiceUser(AccessTokenEntity token, AccessTokenOwner owner, LinkBuilder links)
    {
        var name = "token-" + token.Id.ToString(CultureInfo.InvariantCulture);
        var self = owner.Repository is { } repository
            ? $"/projects/{owner.Project!.Key}/repos/{repository.Slug}"
            : $"/projects/{owner.Project!.Key}";
        return new RestUser(name, null, 0, token.Name, true, name, "SERVICE", links.Self(self));
    }
}
