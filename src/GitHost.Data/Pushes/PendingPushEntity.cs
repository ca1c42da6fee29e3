namespace GitHost.Data.Pushes;

/// <summary>
/// A push that its pre-receive hook let through and whose post-receive has not recorded it yet. The
/// post-receive removes the row in the same transaction as the push's event; a row left behind by a
/// node that died, or by a push whose post-receive never ran, is settled against the refs on disk.
/// </summary>
public sealed class PendingPushEntity
{
    /// <summary>The push session id (64 hex digits).</summary>
    public string PushId { get; set; } = "";

    /// <summary>The id of the node that runs the push's receive-pack.</summary>
    public string NodeId { get; set; } = "";

    public long RepositoryId { get; set; }

    /// <summary>The pusher (user and token limits) as JSON.</summary>
    public string Principal { get; set; } = "";

    /// <summary><c>http</c> or <c>ssh</c>.</summary>
    public string Protocol { get; set; } = "";

    public string? RemoteAddress { get; set; }

    /// <summary>The base URL the client used, for the links in the push's event.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The hook input: one <c>old new ref</c> line per ref the push updates.</summary>
    public string Updates { get; set; } = "";

    /// <summary>Epoch ms.</summary>
    public long CreatedDate { get; set; }
}
