using GitHost.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace GitHost.Web.Shared;

/// <summary>
/// Who is looking at the page, as the services expect it. Read from the authentication state, which
/// is the request's cookie on a static page and the circuit's user on an interactive one.
/// </summary>
public sealed class WebUser(AuthenticationStateProvider authentication)
{
    public async Task<Principal> PrincipalAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return PrincipalClaims.ToPrincipal(state.User);
    }
}
