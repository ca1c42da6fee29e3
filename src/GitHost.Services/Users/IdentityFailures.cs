using GitHost.Core.Failures;
using Microsoft.AspNetCore.Identity;

namespace GitHost.Services.Users;

/// <summary>Turns Identity's results into our failure kinds. Identity's messages never contain the password.</summary>
internal static class IdentityFailures
{
    public static void ThrowIfFailed(IdentityResult result, string context)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code is "DuplicateUserName"))
        {
            throw DuplicateUser(context);
        }

        throw GitHostException.Invalid(string.Join(" ", result.Errors.Select(e => e.Description)), context);
    }

    public static GitHostException DuplicateUser(string context) =>
        new(FailureKind.Conflict, "A user with this name already exists. Please choose another name.", context,
            BitbucketExceptionNames.DuplicateEntity);
}
