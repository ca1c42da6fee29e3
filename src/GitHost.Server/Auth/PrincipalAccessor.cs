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
        principal = PrincipalClaims.ToPrincipal(context.User);
        if (principal.IsAuthenticated)
        {
            context.Items[ItemKey] = principal;
        }

        return principal;
    }

    public static void SetPrincipal(this HttpContext context, Principal principal) => context.Items[ItemKey] = principal;
}
