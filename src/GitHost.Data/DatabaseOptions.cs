using System.ComponentModel.DataAnnotations;

namespace GitHost.Data;

/// <summary>
/// <c>GitHost:Database</c>. With nothing configured the server uses SQLite at
/// <c>$GITHOST_HOME/githost.db</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "GitHost:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres and SqlServer; optional for SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations on start (default). Off: run <c>GitHost.Server migrate</c> instead.</summary>
    public bool MigrateOnStart { get; set; } = true;

    [Range(1, 1024)]
    public int MaxPoolSize { get; set; } = 128;
}
