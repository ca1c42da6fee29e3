namespace GitHost.Data.Pipelines;

/// <summary>
/// One step of a pipeline. Steps run group by group in <see cref="GroupIndex"/> order; the steps of
/// one group (a <c>parallel</c> block) run at the same time. A runner holds a running step through
/// a lease: <see cref="LeaseExpiresDate"/> moves on with each heartbeat, and a lapsed lease puts the
/// step back in the queue once, then fails it.
/// </summary>
public sealed class PipelineStepEntity
{
    public long Id { get; set; }

    public Guid Uuid { get; set; }

    public long PipelineId { get; set; }

    /// <summary>Copied from the pipeline, so the per-repository concurrency limit needs no join.</summary>
    public long RepositoryId { get; set; }

    /// <summary>Position in the pipeline, from 0.</summary>
    public int Index { get; set; }

    public int GroupIndex { get; set; }

    /// <summary>Steps in the group (1 unless it is a <c>parallel</c> block), for <c>BITBUCKET_PARALLEL_STEP_COUNT</c>.</summary>
    public int GroupSize { get; set; }

    /// <summary>A failing step of this parallel group stops the others.</summary>
    public bool FailFast { get; set; }

    public string? StageName { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The step as the runner needs it (script, after-script, image, services, caches, artifacts, condition), as JSON.</summary>
    public string Definition { get; set; } = "";

    /// <summary>The labels a runner must have, lower case, sorted, space-separated.</summary>
    public string RunsOn { get; set; } = "";

    public int MaxTimeMinutes { get; set; }

    public bool ManualTrigger { get; set; }

    public string? Deployment { get; set; }

    public PipelineStepState State { get; set; }

    public long? RunnerId { get; set; }

    /// <summary>Epoch ms until which the runner's claim holds.</summary>
    public long? LeaseExpiresDate { get; set; }

    /// <summary>How often a runner took it; a lost runner's step is queued again only once.</summary>
    public int DispatchCount { get; set; }

    public long? ReadyDate { get; set; }

    public long? StartedDate { get; set; }

    public long? CompletedDate { get; set; }

    public int? ExitCode { get; set; }

    /// <summary>Why it ended as it did when the exit code does not say (timeout, runner lost, no runner can take it).</summary>
    public string? Reason { get; set; }

    /// <summary>SHA-256 of the job token the runner clones with: valid for reading this repository while the step runs, and no longer.</summary>
    public string? JobTokenHash { get; set; }

    /// <summary>Bytes of log stored so far; the next chunk must start here.</summary>
    public long LogSize { get; set; }
}
