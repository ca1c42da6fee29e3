using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.AccessTokens;
using GitHost.Services.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Auth;

/// <summary>
/// Checks a password or an access token against the database. Password failures count towards
/// Identity's lockout; a locked-out or deactivated user is refused even with the right password.
/// </summary>
internal sealed class CredentialVerifier(GitHostDbContext db, UserManager<UserEntity> users, CredentialCache cache, EpochClock clock)
{
    public async Task<Principal?> VerifyPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var key = cache.KeyFor("password", userName, password);
        if (cache.Get(key) is { } cached)
        {
            return cached.Principal;
        }

        var generation = cache.Generation;
        var user = await users.FindByNameAsync(userName);
        if (user is null || !user.Active || user.Type == UserType.Service || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                // A lockout must also stop the right password that an earlier request left in the cache.
                cache.InvalidateAll();
            }

            return null;
        }

        if (user.AccessFailedCount > 0)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        user.LastAuthenticated = clock.NowMs();
        await users.UpdateAsync(user);
        var principal = new Principal(user.Id, user.UserName);
        cache.Set(key, new VerifiedCredential(principal, generation));
        return principal;
    }

    /// <summary>
    /// A token given with Bearer (any token) or with Basic (personal tokens only, and only with
    /// the owner's user name).
    /// </summary>
    public async Task<Principal?> VerifyTokenAsync(string rawToken, string? basicUserName, CancellationToken cancellationToken)
    {
        var key = cache.KeyFor("token", basicUserName ?? "", rawToken);
        if (cache.Get(key) is { } cached && (cached.ExpiresAt is null || cached.ExpiresAt > clock.NowMs()))
        {
            return cached.Principal;
        }

        var generation = cache.Generation;
        var hash = AccessTokenSecret.Hash(rawToken);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = clock.NowMs();
        if (token is null || token.ExpiryDate is { } expiry && expiry <= now)
        {
            return null;
        }

        UserEntity? owner = null;
        if (token.UserId is { } ownerId)
        {
            owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == ownerId, cancellationToken);
            if (owner is null || !owner.Active)
            {
                return null;
            }
        }

        if (basicUserName is not null && (owner is null || !string.Equals(owner.UserName, basicUserName, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        token.LastAuthenticated = now;
        await db.SaveChangesAsync(cancellationToken);
        var limits = new TokenLimits(token.Id, token.ProjectId, token.RepositoryId, token.ProjectPermission, token.RepositoryPermission);
        var principal = owner is not null
            ? new Principal(owner.Id, owner.UserName, limits)
            : new Principal(null, $"token-{token.Id}", limits);
        cache.Set(key, new VerifiedCredential(principal, generation, token.ExpiryDate));
        return principal;
    }
}
