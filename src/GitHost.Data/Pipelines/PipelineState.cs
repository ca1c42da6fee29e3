namespace GitHost.Data.Pipelines;

/// <summary>Where a pipeline stands. The last four are final.</summary>
public enum PipelineState
{
    /// <summary>Recorded; no step has been queued yet.</summary>
    Pending = 0,

    /// <summary>A step is queued or running.</summary>
    Running = 1,

    /// <summary>The next step waits for someone to start it (<c>trigger: manual</c>).</summary>
    Paused = 2,

    Successful = 3,

    Failed = 4,

    Stopped = 5,

    /// <summary>It could not run: an invalid file, a step no runner can take, a runner lost twice.</summary>
    Error = 6,
}
