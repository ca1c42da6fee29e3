namespace GitHost.Testing;

/// <summary><see cref="ServerPerProvider"/> with Git over SSH on (a free loopback port per server).</summary>
public sealed class SshServerPerProvider() : ServerPerProvider(GitHostTestServer.EnableSsh);
