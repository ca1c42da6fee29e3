namespace GitHost.Ssh;

/// <summary>
/// The seam that runs an exec'd command ("git-upload-pack '/PROJ/repo.git'") for an authenticated
/// identity. The handler parses and authorizes the command itself and refuses anything else by
/// writing one line to <see cref="SshChannelStreams.Stderr"/> and returning a non-zero status.
/// Stdin ends when the client sends EOF; everything written to stdout/stderr is delivered before
/// the exit status, EOF and CLOSE are sent. The token is cancelled when the client closes the
/// channel or the connection drops, or the server stops.
/// </summary>
public interface ISshCommandHandler
{
    /// <param name="environment">only the variables GitHost accepts from the client (GIT_PROTOCOL).</param>
    /// <returns>the exit status sent to the client.</returns>
    Task<int> RunAsync(SshIdentity identity, string command, IReadOnlyDictionary<string, string> environment, SshChannelStreams io, CancellationToken cancellationToken);
}
