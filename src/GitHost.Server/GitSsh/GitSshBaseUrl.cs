using GitHost.Server.GitHooks;
using GitHost.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace GitHost.Server.GitSsh;

/// <summary>
/// The public base URL for what an SSH push prints and records (the "Create pull request" link, event
/// links), where there is no HTTP request to take it from: <c>GitHost:BaseUrl</c>, else the first
/// HTTP address the server listens on.
/// </summary>
internal sealed class GitSshBaseUrl(IOptions<ServerOptions> options, IServer server, HookListener hooks)
{
    public string Value
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
            {
                return options.Value.BaseUrl.TrimEnd('/');
            }

            var address = hooks.PublicAddresses(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
                .FirstOrDefault(a => !a.StartsWith("http://unix:", StringComparison.Ordinal)) ?? "http://localhost:7990";
            return address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/');
        }
    }
}
