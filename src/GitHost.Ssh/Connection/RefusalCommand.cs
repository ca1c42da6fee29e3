using System.Text;

namespace GitHost.Ssh.Connection;

/// <summary>Stands in for a shell or subsystem: prints why GitHost does not offer it and exits 1.</summary>
internal sealed class RefusalCommand(string message) : ISshCommandHandler
{
    public async Task<int> RunAsync(SshIdentity identity, string command, IReadOnlyDictionary<string, string> environment, SshChannelStreams io, CancellationToken cancellationToken)
    {
        await io.Stderr.WriteAsync(Encoding.UTF8.GetBytes($"Hi {identity.Name}! {message}"), cancellationToken);
        return 1;
    }
}
