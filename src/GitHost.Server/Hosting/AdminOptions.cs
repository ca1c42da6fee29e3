namespace GitHost.Server.Hosting;

/// <summary><c>GitHost:Admin</c>: the first administrator, created when the database has no users.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "GitHost:Admin";

    public string UserName { get; set; } = "admin";

    public string Email { get; set; } = "admin@githost.local";

    /// <summary>Also read from <c>GITHOST_ADMIN_PASSWORD</c>; when empty a password is generated and logged once.</summary>
    public string? Password { get; set; }
}
