using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using GitHost.Server.GitSsh;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Hosting;

/// <summary>Tells the person who just started the server where to open it and how to sign in.</summary>
internal static partial class StartupBanner
{
    public static void Announce(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var home = app.Services.GetRequiredService<DataHome>();
        var publicAddresses = app.Services.GetRequiredService<GitHooks.HookListener>().PublicAddresses(addresses).ToList();
        foreach (var address in publicAddresses)
        {
            Log.Listening(app.Logger, address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal), home.Path);
        }

        if (string.IsNullOrWhiteSpace(app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.BaseUrl)
            && publicAddresses.FirstOrDefault(a => !IsLoopback(a)) is { } reachable)
        {
            Log.NoBaseUrl(app.Logger, reachable);
        }

        var ssh = app.Services.GetRequiredService<GitSshEndpoint>();
        if (!ssh.Enabled)
        {
            Log.SshDisabled(app.Logger);
            return;
        }

        var prefix = ssh.UrlPrefix(new Uri(app.Services.GetRequiredService<GitSshBaseUrl>().Value));
        foreach (var key in ssh.HostKeys)
        {
            Log.SshListening(app.Logger, prefix!, key.Algorithm, key.Fingerprint);
        }
    }

    private static bool IsLoopback(string address)
    {
        var host = new Uri(address.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal)).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1106, Level = LogLevel.Warning,
            Message = "GitHost:BaseUrl is not set and the server listens on {Address}, which other machines can reach: links in REST answers, " +
                "webhooks and push messages will use whatever Host header a client sends. Set GitHost:BaseUrl to the address users open (e.g. https://git.example.com).")]
        public static partial void NoBaseUrl(ILogger logger, string address);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
            Message = "GitHost is listening on {Address} (data home {DataHome}). Sign in as 'admin' with GITHOST_ADMIN_PASSWORD or the password logged on first start.")]
        public static partial void Listening(ILogger logger, string address, string dataHome);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Information,
            Message = "Git over SSH on {SshUrl}/<PROJECT>/<repository>.git, host key {Algorithm} {Fingerprint}")]
        public static partial void SshListening(ILogger logger, string sshUrl, string algorithm, string fingerprint);

        [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Git over SSH is off (GitHost:Ssh:Enabled=false)")]
        public static partial void SshDisabled(ILogger logger);
    }
}
