using System.Globalization;
using System.Security.Claims;
using GitHost.Core.Security;

namespace GitHost.Server.Auth;

/// <summary>The caller of the current request, as every endpoint sees it.</summary>
internal static class PrincipalAccessor
{
    private const string ItemKey = "GitHost.Principal";

    public static Principal GetPrincipal(this HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var value) && value is Principal principal)
        {
            return principal;
        }

        // Cookie sessions carry only the claims; rebuild the principal from them once per request.
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            principal = new Principal(id, user.Identity.Name);
            context.Items[ItemKey] = principal;
            return principal;
        }

        return Principal.Anonymous;
    }

    public static void SetPrincipal(this HttpContext context, Principal principal) => context.Items[ItemKey] = principal;
}
