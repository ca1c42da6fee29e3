using GitHost.Services.Permissions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Auth;

/// <summary>
/// An open page's circuit keeps the user it connected with; without this it would keep acting for a
/// session that was signed out, or a user deactivated, until the tab closed. Checked as often as a
/// cookie is (<see cref="SecurityOptions.SessionRevalidationSeconds"/>) and within seconds of a change
/// <see cref="SessionRecheck"/> was told of; a dead session turns the circuit anonymous, so whatever
/// it asks next is answered as for a visitor who is not signed in.
/// </summary>
internal sealed class CircuitSessionRevalidation(
    ILoggerFactory loggers, IServiceScopeFactory scopes, SessionRecheck recheck, TimeProvider time, IOptions<SecurityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    /// <summary>How often the cheap test (was a recheck demanded, is the interval over) runs; the database is read only when it says so.</summary>
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        RevalidateAsync(authenticationState, cancellationToken);

    /// <summary>Whether the circuit may go on as its user; false turns it anonymous.</summary>
    internal async Task<bool> RevalidateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (now - _checkedAt < TimeSpan.FromSeconds(options.Value.SessionRevalidationSeconds) && _checkedAt.UtcTicks > recheck.DemandedAtTicks)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var live = await SessionLiveness.IsLiveAsync(authenticationState.User, scope.ServiceProvider, cancellationToken);
        _checkedAt = now;
        return live;
    }
}
