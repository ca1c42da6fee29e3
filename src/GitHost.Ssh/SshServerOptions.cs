using System.ComponentModel.DataAnnotations;

namespace GitHost.Ssh;

/// <summary>Options of the embedded SSH server (section "GitHost:Ssh").</summary>
public sealed class SshServerOptions : IValidatableObject
{
    public const string SectionName = "GitHost:Ssh";

    /// <summary>Off: no listener is opened (and the host advertises no SSH clone links).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The host name clients use, for clone links and settings (the host does not bind to it; see
    /// <see cref="ListenAddress"/>). Null means the host of the public base URL.
    /// </summary>
    public string? Host { get; set; }

    /// <summary>0 picks a free port (tests); Bitbucket's default is 7999.</summary>
    [Range(0, 65_535)] public int Port { get; set; } = 7999;

    /// <summary>
    /// The port clients use when it is not the one this node listens on (behind a load balancer that
    /// forwards its 7999 to each node's own port); null means <see cref="Port"/>.
    /// </summary>
    [Range(1, 65_535)] public int? PublicPort { get; set; }

    [Required] public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>
    /// Every connection starts with a PROXY protocol v2 header (HAProxy's <c>send-proxy-v2</c>) that
    /// carries the client's address, which sign-in limits, the audit log and the logs then use. A
    /// connection without one is refused, so only a listener the load balancer alone can reach should use it.
    /// </summary>
    public bool ProxyProtocol { get; set; }

    /// <summary>With <see cref="ProxyProtocol"/>: the balancers' addresses or CIDR ranges; a connection from anywhere else is refused. Empty accepts the header from any address.</summary>
    public string[] ProxyProtocolFrom { get; set; } = [];

    /// <summary>Where ssh_host_*_key live; created with the keys on first start. A relative path is resolved by the host (GitHost: under <c>&lt;home&gt;/shared</c>).</summary>
    [Required] public string HostKeyDirectory { get; set; } = "ssh";

    [Range(1, 100_000)] public int MaxConnections { get; set; } = 256;

    /// <summary>
    /// Unauthenticated connections at once (OpenSSH's MaxStartups "full"): further ones are closed
    /// at once. Between <see cref="StartupsRandomDropFrom"/> and this, new ones are dropped with a
    /// probability rising linearly from <see cref="StartupsRandomDropPercent"/> to 100 %.
    /// </summary>
    [Range(1, 100_000)] public int MaxStartups { get; set; } = 200;

    [Range(1, 100_000)] public int StartupsRandomDropFrom { get; set; } = 100;

    [Range(0, 100)] public int StartupsRandomDropPercent { get; set; } = 30;

    /// <summary>
    /// Unauthenticated connections one source address may hold (OpenSSH's PerSourceMaxStartups);
    /// 0 turns the per-address limit off, which is needed behind a TCP proxy that hides client addresses.
    /// </summary>
    [Range(0, 100_000)] public int MaxStartupsPerSource { get; set; } = 50;

    /// <summary>From TCP accept to successful authentication.</summary>
    [Range(1, 3_600)] public int HandshakeTimeoutSeconds { get; set; } = 30;

    /// <summary>No packet in either direction for this long closes the connection.</summary>
    [Range(1, 86_400)] public int IdleTimeoutSeconds { get; set; } = 1_800;

    [Range(1, 100)] public int MaxAuthAttempts { get; set; } = 6;

    /// <summary>Largest packet_length accepted (OpenSSH's own limit is 256 KiB).</summary>
    [Range(35_000, 1_048_576)] public int MaxPacketSize { get; set; } = 256 * 1024;

    /// <summary>The receive window GitHost grants each channel; stdin beyond it is a protocol error.</summary>
    [Range(65_536, 16_777_216)] public int ChannelWindowSize { get; set; } = 2 * 1024 * 1024;

    [Range(1, 64)] public int MaxChannelsPerConnection { get; set; } = 10;

    /// <summary>Server-initiated re-key after this many bytes in either direction.</summary>
    [Range(1_048_576, long.MaxValue)] public long RekeyAfterBytes { get; set; } = 1L << 30;

    [Range(60, 86_400)] public int RekeyAfterSeconds { get; set; } = 3_600;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in ProxyProtocolFrom.Where(e => ProxyNetwork(e) is null))
        {
            yield return new ValidationResult($"ProxyProtocolFrom entry '{entry}' is neither an IP address nor a CIDR range.", [nameof(ProxyProtocolFrom)]);
        }

        if (StartupsRandomDropFrom > MaxStartups)
        {
            yield return new ValidationResult(
                $"StartupsRandomDropFrom ({StartupsRandomDropFrom}) must not exceed MaxStartups ({MaxStartups}).",
                [nameof(StartupsRandomDropFrom), nameof(MaxStartups)]);
        }
    }

    /// <summary>An address (as a single-address range) or a CIDR range; null when it is neither.</summary>
    public static System.Net.IPNetwork? ProxyNetwork(string entry) =>
        System.Net.IPNetwork.TryParse(entry.Trim(), out var network) ? network
        : System.Net.IPAddress.TryParse(entry.Trim(), out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
        : null;
}
