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

    [Inject] private RequestLoadQueue LoadQueue { get; set; } = default!;

    /// <summary>Parameters set since this component last loaded; a load that finds newer ones waiting leaves the work to them.</summary>
    private int _parameterSets;

    [CascadingParameter] protected HttpContext? HttpContext { get; set; }

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    protected Task<Principal> PrincipalAsync() => User.PrincipalAsync();

    /// <summary>
    /// Loads (<c>OnInitializedAsync</c>, <c>OnParametersSetAsync</c>) in the request's turn, never while the page
    /// or another component of the request loads (<see cref="RequestLoadQueue"/>). The parameters are taken at
    /// once, as Blazor requires; the lifecycle runs when the turn comes.
    /// </summary>
    public override async Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        var set = ++_parameterSets;
        await LoadQueue.EnterAsync(Aborted);
        try
        {
            // Set again while waiting (the page rendered once more): the later call loads, with the same parameters.
            if (set == _parameterSets)
            {
                await base.SetParametersAsync(ParameterView.Empty);
            }
        }
        finally
        {
            LoadQueue.Leave();
        }
    }
}
