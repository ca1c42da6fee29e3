using GitHost.Core.Failures;
using GitHost.Data.Users;
using GitHost.Services.AccessTokens;
using Microsoft.AspNetCore.Identity;

namespace GitHost.Services.Users;

/// <summary>
/// Checks and sets passwords with Identity's validators and hasher. Setting a password also
/// changes the security stamp, so anything derived from the old one stops counting.
/// </summary>
public sealed class PasswordPolicy(UserManager<UserEntity> users)
{
    /// <summary>Basic authentication refuses longer secrets, so a longer password could never be used.</summary>
    public const int MaxLength = 4096;

    public static void RequireConfirmation(string? password, string? confirmation)
    {
        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
        {
            throw GitHostException.Invalid("The password and its confirmation do not match.", "passwordConfirm");
        }
    }

    public async Task ValidateAsync(UserEntity user, string? password, string context)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw GitHostException.Invalid("A password is required.", context);
        }

        if (password.Length > MaxLength)
        {
            throw GitHostException.Invalid($"A password may be at most {MaxLength} characters.", context);
        }

        // Basic authentication reads a secret with the token prefix as an access token.
        if (AccessTokenSecret.LooksLikeToken(password))
        {
            throw GitHostException.Invalid($"A password may not start with '{AccessTokenSecret.Prefix}'.", context);
        }

        foreach (var validator in users.PasswordValidators)
        {
            IdentityFailures.ThrowIfFailed(await validator.ValidateAsync(users, user, password), context);
        }
    }

    /// <summary>Validates, then stores the new hash and a new security stamp in one save.</summary>
    public async Task SetAsync(UserEntity user, string? password, string context)
    {
        await ValidateAsync(user, password, context);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
        IdentityFailures.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), context);
    }
}
