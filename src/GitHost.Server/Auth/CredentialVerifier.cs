using GitHost.Core.Security;
using GitHost.Data.Users;
using GitHost.Services.AccessTokens;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using GitHost.Services.SignIn;
using Microsoft.AspNetCore.Identity;

namespace GitHost.Server.Auth;

/// <summary>
/// Checks a password or an access token against the database. Wrong passwords count towards the
/// sign-in throttle, which refuses passwords (only passwords) for a locked name or address; a
/// deactivated user is refused with every credential.
/// </summary>
internal sealed class CredentialVerifier(
    UserManager<UserEntity> users,
    IPasswordHasher<UserEntity> hasher,
    DummyPasswordHash dummyHash,
    SignInThrottle throttle,
    CredentialCache cache,
    EpochClock clock,
    AuditWriter audit,
    SignInRecords signIns,
    AccessTokenSignIn tokens)
{
    public async Task<PasswordCheck> VerifyPasswordAsync(string userName, string password, string? address, CancellationToken cancellationToken)
    {
        // Before the cache: a locked name must not confirm even a password verified earlier.
        if (await throttle.CheckAsync(userName, address) is { } locked)
        {
            return new PasswordCheck(null, locked);
        }

        var key = cache.KeyFor("password", userName, password);
        if (cache.Get(key) is { } cached)
        {
            return new PasswordCheck(cached.Principal, null);
        }

        var generation = cache.Generation;
        var user = await users.FindByNameAsync(userName);
        var usable = user is { Active: true } && user.Type != UserType.Service;
        if (!usable)
        {
            dummyHash.Verify(hasher, user ?? new UserEntity(), password);
        }

        if (!usable || !await users.CheckPasswordAsync(user!, password))
        {
            await throttle.RecordFailureAsync(userName, address);
            await audit.RecordNowAsync(null, AuditOrigin.Credentials.Password, AuditAction.SignInFailed, user is null ? AuditSubject.UserNamed(userName) : AuditSubject.User(user.Id, user.UserName), new { userName }, cancellationToken);
            return new PasswordCheck(null, await throttle.CheckAsync(userName, address));
        }

        await throttle.RecordSuccessAsync(userName);
        var principal = new Principal(user!.Id, user.UserName);
        await signIns.PasswordAcceptedAsync(principal, cancellationToken);
        cache.Set(key, new VerifiedCredential(principal, generation));
        return new PasswordCheck(principal, null);
    }

    /// <summary>
    /// A token given with Bearer (any token) or with Basic (personal tokens only, and only with
    /// the owner's user name).
    /// </summary>
    public async Task<Principal?> VerifyTokenAsync(string rawToken, string? basicUserName, CancellationToken cancellationToken)
    {
        var principal = await CheckTokenAsync(rawToken, basicUserName, cancellationToken);
        if (principal is null)
        {
            // Never the token itself: only the name it was presented with, if any.
            await audit.RecordNowAsync(null, AuditOrigin.Credentials.Token, AuditAction.SignInFailed,
                basicUserName is null ? new AuditSubject("ACCESS_TOKEN", null, null) : AuditSubject.UserNamed(basicUserName),
                new { userName = basicUserName, scheme = basicUserName is null ? "Bearer" : "Basic" }, cancellationToken);
        }

        return principal;
    }

    private async Task<Principal?> CheckTokenAsync(string rawToken, string? basicUserName, CancellationToken cancellationToken)
    {
        var key = cache.KeyFor("token", basicUserName ?? "", rawToken);
        if (cache.Get(key) is { } cached && (cached.ExpiresAt is null || cached.ExpiresAt > clock.NowMs()))
        {
            return cached.Principal;
        }

        var generation = cache.Generation;
        if (await tokens.VerifyAsync(rawToken, basicUserName, cancellationToken) is not { } verified)
        {
            return null;
        }

        cache.Set(key, new VerifiedCredential(verified.Principal, generation, verified.ExpiresAt));
        return verified.Principal;
    }
}
