namespace GitHost.Ssh;

/// <summary>
/// The three streams of one exec channel. Stdin reads the client's data (0 at EOF); writes to
/// Stdout and Stderr complete when the client's window has taken them, which is how a slow
/// client slows the command down.
/// </summary>
public sealed record SshChannelStreams(Stream Stdin, Stream Stdout, Stream Stderr);
