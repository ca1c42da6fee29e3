using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GitHost.Ssh.Hosting;

/// <summary>Runs <see cref="SshServer"/> for the lifetime of the host, unless <see cref="SshServerOptions.Enabled"/> is off.</summary>
internal sealed class SshHostedService(SshServer server, IOptions<SshServerOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Enabled ? server.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
