namespace GitHost.Data.Pipelines;

/// <summary>
/// A runner process an admin created. It proves who it is with a secret whose hash is kept here:
/// first the one-time registration token shown at creation, then, once registered, a secret of its own.
/// </summary>
public sealed class RunnerEntity
{
    public long Id { get; set; }

    public Guid Uuid { get; set; }

    public string Name { get; set; } = "";

    public PipelineScope ScopeType { get; set; }

    public long ScopeId { get; set; }

    /// <summary>Lower case, sorted, space-separated, e.g. <c>linux.shell self.hosted</c>.</summary>
    public string Labels { get; set; } = "";

    /// <summary>SHA-256 of the registration token until the runner registers; then null.</summary>
    public string? RegistrationTokenHash { get; set; }

    /// <summary>SHA-256 of the secret the runner got when it registered.</summary>
    public string? SecretHash { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Epoch ms of its last poll or heartbeat; it is offline when this is older than the heartbeat timeout.</summary>
    public long? LastSeenDate { get; set; }

    /// <summary>Steps it runs at once, as it said when it registered.</summary>
    public int Capacity { get; set; } = 1;

    public string? Version { get; set; }

    public string? HostName { get; set; }

    public long? CreatorUserId { get; set; }

    public long CreatedDate { get; set; }
}
