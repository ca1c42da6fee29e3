using GitHost.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace GitHost.Server.Tests.Auth;

/// <summary>
/// Identity's real hasher that, once opened for a number of sign-ins, holds each verification until
/// that many are in progress: every one of them has read the user before any has finished.
/// </summary>
internal sealed class GatedPasswordHasher : IPasswordHasher<UserEntity>
{
    private readonly PasswordHasher<UserEntity> _inner = new();
    private CountdownEvent? _gate;

    public void HoldUntil(int concurrentVerifications) => _gate = new CountdownEvent(concurrentVerifications);

    public string HashPassword(UserEntity user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(UserEntity user, string hashedPassword, string providedPassword)
    {
        if (_gate is { } gate)
        {
            gate.Signal();
            if (!gate.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("The gated sign-ins never all arrived.");
            }
        }

        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
