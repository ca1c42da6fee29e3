using GitHost.Git.Hooks;

namespace GitHost.Server.GitHooks;

/// <summary>
/// The node-local Unix socket the hook scripts call (<c>{home}/local/run/hooks.sock</c>): Kestrel
/// listens on it next to the public URLs. Only this node's processes reach it; the folder is 0700 and
/// the socket 0600, so only the server's own user can connect.
/// </summary>
internal static class HookSocket
{
    /// <summary>The listen URLs: the configured ones (or the default) plus the hook socket.</summary>
    public static string WithHookSocket(string urls, HookInstallation hooks) => $"{urls};http://unix:{hooks.SocketPath}";

    /// <summary>Writes the scripts and removes a socket left by a previous run (Kestrel cannot bind over it).</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var hooks = app.Services.GetRequiredService<HookInstallation>();
        await hooks.InstallAsync(cancellationToken);
        File.Delete(hooks.SocketPath);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (!OperatingSystem.IsWindows() && File.Exists(hooks.SocketPath))
            {
                File.SetUnixFileMode(hooks.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        });
    }
}
