using System.Net.Mail;
using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Data.Users;

namespace GitHost.Services.Users;

/// <summary>Validation of the details a user or an administrator may change.</summary>
internal static class UserDetails
{
    public static string ValidDisplayName(string? displayName, string context = "displayName") =>
        DisplayText.IsValid(displayName)
            ? displayName!
            : throw GitHostException.Invalid(
                "A display name is required: 1 to 255 printable characters, without leading or trailing spaces.", context);

    public static string ValidEmail(string? email, string context)
    {
        var trimmed = email?.Trim();
        if (!DisplayText.IsValid(trimmed) || !MailAddress.TryCreate(trimmed, out var parsed)
            || parsed.Address != trimmed || parsed.DisplayName.Length > 0)
        {
            throw GitHostException.Invalid("A valid e-mail address is required, such as jane@example.com.", context);
        }

        return trimmed!;
    }

    /// <summary>Applies the non-null members of an update; the e-mail's normalized copy follows.</summary>
    public static void Apply(UserEntity user, string? displayName, string? email, string emailContext)
    {
        if (displayName is not null)
        {
            user.DisplayName = ValidDisplayName(displayName);
        }

        if (email is not null)
        {
            user.Email = ValidEmail(email, emailContext);
            user.NormalizedEmail = user.Email.ToUpperInvariant();
        }
    }
}
