using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Services.Permissions;
using GitHost.Web.Shared;
using Microsoft.AspNetCore.Components;

namespace GitHost.Web.Admin;

/// <summary>A page for administrators: anyone else is refused (403 signed in, 401 otherwise) before anything loads.</summary>
public abstract class AdminPageBase : WebPageBase
{
    [Inject] private PermissionService Permissions { get; set; } = default!;

    /// <summary>The level the page needs: ADMIN unless the page says otherwise.</summary>
    protected virtual Permission Required => Permission.Admin;

    protected async Task<Principal> AdministratorAsync()
    {
        var principal = await PrincipalAsync();
        await Permissions.DemandGlobalAsync(principal, Required, Aborted);
        return principal;
    }
}
