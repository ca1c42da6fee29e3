using System.Net;
using GitHost.Git.Hooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GitHost.Server.GitHooks;

/// <summary>
/// The loopback port GitHost's hook scripts call back on: Kestrel binds <c>127.0.0.1:0</c> next to
/// the public addresses (see <c>PublicEndpoints</c>), and once bound the port goes to
/// <see cref="HookInstallation.CallbackPort"/> and from there into every receive-pack's environment.
/// This listener serves only <c>/internal/hooks/</c>, and those paths are served only here; every
/// call still needs a live push id.
/// </summary>
/// <remarks>
/// The server is looked up when needed, not injected: Kestrel's options (which this class configures
/// when the listener is added in code) are built while Kestrel itself is being constructed.
/// </remarks>
internal sealed class HookListener(HookInstallation hooks, IServiceProvider services)
{
    public const string Url = "http://127.0.0.1:0";

    private ListenOptions? _listen;
    private int _port;

    /// <summary>
    /// The bound port, 0 before Kestrel bound it: from the listen options when the listener was added
    /// in code, else the last address Kestrel reports (the hook URL is the last of the <c>urls</c>).
    /// Looked up until found, then kept: every request asks (<see cref="IsHookConnection"/>).
    /// </summary>
    public int Port
    {
        get
        {
            if (_port == 0)
            {
                _port = _listen is not null ? _listen.IPEndPoint?.Port ?? 0 : LastAddressPort();
            }

            return _port;
        }
    }

    public void ListenInCode(KestrelServerOptions kestrel) => kestrel.Listen(IPAddress.Loopback, 0, listen => _listen = listen);

    /// <summary>Writes the scripts; after start, publishes the port Kestrel bound.</summary>
    public async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await hooks.InstallAsync(cancellationToken);
        app.Lifetime.ApplicationStarted.Register(() =>
            hooks.CallbackPort = Port > 0
                ? Port
                : throw new InvalidOperationException("Kestrel did not bind the hook listener on 127.0.0.1; pushes cannot be checked."));
    }

    public bool IsHookConnection(ConnectionInfo connection) =>
        connection.LocalPort == Port && connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local);

    /// <summary>Addresses to show users: all Kestrel reports except the hook listener.</summary>
    public IEnumerable<string> PublicAddresses(IEnumerable<string> addresses) =>
        addresses.Where(a => !a.Equals($"http://127.0.0.1:{Port}", StringComparison.Ordinal));

    private int LastAddressPort() =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.LastOrDefault() is { } last
        && Uri.TryCreate(last, UriKind.Absolute, out var uri) && uri.Host == "127.0.0.1"
            ? uri.Port
            : 0;
}
