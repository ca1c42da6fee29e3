namespace GitHost.Data.Sessions;

/// <summary>
/// A signed-in browser session. The cookie carries a random session id; only its SHA-256 is stored,
/// so the table cannot be used to forge a session. Signing out deletes the row, and a cookie whose
/// row is gone is refused, even though the cookie itself is still valid until it expires.
/// </summary>
public sealed class BrowserSessionEntity
{
    /// <summary>Lower-case hex SHA-256 of the session id in the cookie.</summary>
    public string IdHash { get; set; } = "";

    public long UserId { get; set; }

    public long CreatedDate { get; set; }

    /// <summary>When the session was last seen, updated at most once an hour: old rows are removed by it.</summary>
    public long LastSeenDate { get; set; }
}
