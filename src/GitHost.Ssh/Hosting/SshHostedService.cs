using Microsoft.Extensions.Hosting;

namespace GitHost.Ssh.Hosting;

/// <summary>Runs <see cref="SshServer"/> for the lifetime of the host.</summary>
internal sealed class SshHostedService(SshServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
