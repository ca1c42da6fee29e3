using GitHost.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace GitHost.Server.Tests.Auth;

/// <summary>Identity's real hasher, counting how often a password is verified.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<UserEntity>
{
    private readonly PasswordHasher<UserEntity> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(UserEntity user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(UserEntity user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
