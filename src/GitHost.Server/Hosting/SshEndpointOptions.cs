namespace GitHost.Server.Hosting;

/// <summary><c>GitHost:Ssh</c>: where Git over SSH is served and advertised.</summary>
public sealed class SshEndpointOptions
{
    public bool Enabled { get; set; } = true;

    public int Port { get; set; } = 7999;

    /// <summary>Host name for SSH clone links; defaults to the base URL's host.</summary>
    public string? Host { get; set; }
}
