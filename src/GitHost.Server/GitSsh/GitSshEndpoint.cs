using GitHost.Ssh;
using GitHost.Ssh.Hosting;
using Microsoft.Extensions.Options;

namespace GitHost.Server.GitSsh;

/// <summary>
/// Where clients reach Git over SSH, for clone links, <c>/rest/ssh/1.0/settings</c> and the startup
/// banner: whether it is on, the port clients use (the load balancer's, else the one actually bound;
/// configured 0 picks a free one) and the host keys.
/// </summary>
internal sealed class GitSshEndpoint(IOptions<SshServerOptions> options, SshServer server)
{
    public bool Enabled => options.Value.Enabled;

    public int Port => options.Value.PublicPort ?? server.LocalEndPoint?.Port ?? options.Value.Port;

    public IReadOnlyList<SshHostKeyInfo> HostKeys => server.HostKeys?.Describe() ?? [];

    /// <summary><c>ssh://git@host:7999</c>, with <c>GitHost:Ssh:Host</c> or else the public base URL's host; null when SSH is off.</summary>
    public string? UrlPrefix(Uri baseUrl) => Enabled ? $"ssh://git@{options.Value.Host ?? baseUrl.Host}:{Port}" : null;
}
