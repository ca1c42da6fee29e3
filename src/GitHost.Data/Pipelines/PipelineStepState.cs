namespace GitHost.Data.Pipelines;

/// <summary>Where a step stands. <see cref="Successful"/> and everything after it are final.</summary>
public enum PipelineStepState
{
    /// <summary>Waits for the steps before it.</summary>
    Pending = 0,

    /// <summary>Queued: a runner with its labels may take it.</summary>
    Ready = 1,

    /// <summary>A runner holds it under a lease its heartbeats renew.</summary>
    Running = 2,

    /// <summary>A manual step that waits for someone to run it.</summary>
    Paused = 3,

    Successful = 4,

    Failed = 5,

    Stopped = 6,

    Error = 7,

    /// <summary>Skipped: an earlier step failed, the pipeline stopped, or its changeset condition matched nothing.</summary>
    NotRun = 8,
}
