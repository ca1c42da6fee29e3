using GitHost.Data.Pipelines;

namespace GitHost.Server.Pipelines;

/// <summary>
/// Bitbucket Cloud's state object: <c>{type, name}</c> with <c>name</c> PENDING, IN_PROGRESS or
/// COMPLETED; a running pipeline adds <c>stage</c> (RUNNING or PAUSED), a completed one
/// <c>result</c> (SUCCESSFUL, FAILED, ERROR, STOPPED; NOT_RUN for a step). Steps also have READY.
/// </summary>
public sealed record RestPipelineState(string Type, string Name, RestStateDetail? Stage = null, RestStateDetail? Result = null)
{
    public static RestPipelineState Of(PipelineState state) => state switch
    {
        PipelineState.Pending => new("pipeline_state_pending", "PENDING"),
        PipelineState.Running => new("pipeline_state_in_progress", "IN_PROGRESS", Stage: new("pipeline_state_in_progress_running", "RUNNING")),
        PipelineState.Paused => new("pipeline_state_in_progress", "IN_PROGRESS", Stage: new("pipeline_state_in_progress_paused", "PAUSED")),
        _ => Completed("pipeline_state_completed", state.ToString().ToUpperInvariant()),
    };

    public static RestPipelineState Of(PipelineStepState state) => state switch
    {
        PipelineStepState.Pending => new("pipeline_step_state_pending", "PENDING"),
        PipelineStepState.Ready => new("pipeline_step_state_ready", "READY"),
        PipelineStepState.Running => new("pipeline_step_state_in_progress", "IN_PROGRESS"),
        PipelineStepState.Paused => new("pipeline_step_state_pending", "PENDING", Stage: new("pipeline_step_state_pending_paused", "PAUSED")),
        PipelineStepState.NotRun => Completed("pipeline_step_state_completed", "NOT_RUN"),
        _ => Completed("pipeline_step_state_completed", state.ToString().ToUpperInvariant()),
    };

    private static RestPipelineState Completed(string type, string result) =>
        new(type, "COMPLETED", Result: new($"{type}_{result.ToLowerInvariant()}", result));
}

public sealed record RestStateDetail(string Type, string Name);
