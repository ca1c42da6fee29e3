using System.Security.Cryptography;
using GitHost.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace GitHost.Server.Auth;

/// <summary>
/// A hash of a random password, verified when the user name is unknown, disabled or a service
/// account, so that such a sign-in costs what a wrong password for a real user costs: without it
/// the answer comes back ~100 times sooner and tells a guesser which names exist.
/// </summary>
internal sealed class DummyPasswordHash
{
    private string? _hash;

    public void Verify(IPasswordHasher<UserEntity> hasher, UserEntity anyUser, string password)
    {
        // Made with the same hasher (and so the same iteration count) as real hashes; a race only makes two.
        _hash ??= hasher.HashPassword(anyUser, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(anyUser, _hash, password);
    }
}
