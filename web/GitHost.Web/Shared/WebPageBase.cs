using GitHost.Core.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace GitHost.Web.Shared;

/// <summary>
/// What every page needs to call a service: who is looking (<see cref="PrincipalAsync"/>) and the
/// request's abort token, so that a closed tab stops the git process or query behind the page.
/// </summary>
public abstract class WebPageBase : ComponentBase
{
    [Inject] private WebUser User { get; set; } = default!;

    [CascadingParameter] protected HttpContext? HttpContext { get; set; }

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    protected Task<Principal> PrincipalAsync() => User.PrincipalAsync();
}
