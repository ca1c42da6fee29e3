using System.ComponentModel.DataAnnotations;

namespace GitHost.Server.Audit;

/// <summary><c>GitHost:Audit</c>: how long audit records are kept and how the JSON lines file is written.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "GitHost:Audit";

    /// <summary>Records older than this are purged from the database (Atlassian's default is three years).</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 1095;

    /// <summary>How often the purge runs.</summary>
    [Range(1, 10_080)]
    public int PurgeIntervalMinutes { get; set; } = 60;

    /// <summary>Rows deleted per statement, so a first purge of a large table never holds a long lock.</summary>
    [Range(1, 100_000)]
    public int PurgeBatchSize { get; set; } = 1000;

    /// <summary>Stream every committed record as a JSON line to <c>{home}/log/audit/audit-YYYYMMDD.jsonl</c>.</summary>
    public bool FileEnabled { get; set; } = true;

    /// <summary>A day's file rolls over to <c>audit-YYYYMMDD.1.jsonl</c>, <c>.2</c>... at this size.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Files whose last write is older than this are deleted.</summary>
    [Range(1, 36_500)]
    public int FileRetentionDays { get; set; } = 90;

    /// <summary>The file writer looks for new records at least this often (it is also woken on every commit).</summary>
    [Range(1, 3600)]
    public int FilePollSeconds { get; set; } = 5;

    /// <summary>
    /// How long the file writer waits at a hole in the ids (a transaction that took its id but has not
    /// committed yet, or one that rolled back) before writing the records after it.
    /// </summary>
    [Range(0, 3600)]
    public int GapWaitSeconds { get; set; } = 30;
}
