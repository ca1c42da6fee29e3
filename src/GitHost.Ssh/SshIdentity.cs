namespace GitHost.Ssh;

/// <summary>
/// Who authenticated, as <see cref="ISshAuthenticator"/> decided; the transport never looks inside
/// and hands the same object to <see cref="ISshCommandHandler"/>. Derive from it to carry what the
/// command side needs (e.g. the GitHost user id).
/// </summary>
public class SshIdentity(string name)
{
    /// <summary>A display name for logs (never a secret).</summary>
    public string Name { get; } = name;

    /// <summary>
    /// The client's IP address as this server saw it (the TCP peer: a proxy's address behind one),
    /// set by the transport when the key is accepted; IPv4-mapped addresses are shown as IPv4.
    /// </summary>
    public string? ClientAddress { get; internal set; }

    public override string ToString() => Name;
}
