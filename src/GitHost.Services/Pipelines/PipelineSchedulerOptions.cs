using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.Pipelines;

/// <summary><c>GitHost:Pipelines</c>: how the scheduler reads files and queues steps.</summary>
public sealed class PipelineSchedulerOptions
{
    public const string SectionName = "GitHost:Pipelines";

    /// <summary>Off: pushes and pull requests start no pipeline (the REST API still answers).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The file read at the pushed commit, at the repository's root.</summary>
    [Required]
    public string FileName { get; set; } = "bitbucket-pipelines.yml";

    /// <summary>A step's time limit when the file sets none (Bitbucket's default).</summary>
    [Range(1, 1440)]
    public int DefaultMaxTimeMinutes { get; set; } = 120;

    /// <summary>Steps of one repository queued or running at once; more wait in the queue.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentStepsPerRepository { get; set; } = 10;

    /// <summary>Outbox events the trigger takes per round.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a runner's claim on a step holds without a heartbeat; a lapsed one puts the step back in the queue once.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a runner's poll waits for a step before answering "nothing".</summary>
    public TimeSpan PollWait { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Log bytes kept per step; a step that prints more is cut there (the rest is counted, not stored).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxLogBytesPerStep { get; set; } = 100L * 1024 * 1024;

    /// <summary>Bytes of <c>artifacts</c> a step may keep for the steps after it (its gzipped archive); Bitbucket allows 1 GiB.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxArtifactBytesPerStep { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How often the trigger looks for events when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
