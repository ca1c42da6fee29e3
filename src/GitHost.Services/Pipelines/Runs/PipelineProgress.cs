using GitHost.Data.Pipelines;

namespace GitHost.Services.Pipelines.Runs;

/// <summary>
/// The scheduler's rule, applied after anything happens to a pipeline (created, a step ended, a manual
/// step started, stopped): groups run in order; the next group's steps are queued once every step before
/// them succeeded (or was skipped); a manual first step pauses the pipeline instead; a failure leaves
/// the rest not run and ends the pipeline with it. Pure: it changes the rows it is given, the caller saves.
/// </summary>
public static class PipelineProgress
{
    public static bool IsFinal(PipelineStepState state) => state >= PipelineStepState.Successful;

    public static bool IsFinal(PipelineState state) => state >= PipelineState.Successful;

    /// <summary>Moves the pipeline on; true when it changed state.</summary>
    public static bool Advance(PipelineEntity pipeline, IReadOnlyList<PipelineStepEntity> steps, long now)
    {
        var before = pipeline.State;
        if (IsFinal(pipeline.State))
        {
            return false;
        }

        foreach (var group in steps.OrderBy(s => s.Index).GroupBy(s => s.GroupIndex))
        {
            var members = group.ToList();
            if (members.All(s => IsFinal(s.State)))
            {
                if (Failure(members) is { } failure)
                {
                    End(pipeline, steps, failure, now);
                    return true;
                }

                continue;
            }

            if (members.Any(s => s.State is PipelineStepState.Ready or PipelineStepState.Running))
            {
                pipeline.State = PipelineState.Running;
                return pipeline.State != before;
            }

            if (members.Any(s => s.State == PipelineStepState.Paused))
            {
                pipeline.State = PipelineState.Paused;
                return pipeline.State != before;
            }

            var pending = members.Where(s => s.State == PipelineStepState.Pending).ToList();
            if (pending.Count > 0 && pending[0].ManualTrigger)
            {
                pending.ForEach(s => s.State = PipelineStepState.Paused);
                pipeline.State = PipelineState.Paused;
                return pipeline.State != before;
            }

            foreach (var step in pending)
            {
                step.State = PipelineStepState.Ready;
                step.ReadyDate = now;
            }

            pipeline.State = PipelineState.Running;
            return pipeline.State != before;
        }

        pipeline.State = PipelineState.Successful;
        pipeline.CompletedDate = now;
        return true;
    }

    /// <summary>A step of a fail-fast parallel group failed: its siblings still queued or running stop now.</summary>
    public static void StopSiblings(PipelineStepEntity failed, IReadOnlyList<PipelineStepEntity> steps, long now)
    {
        if (!failed.FailFast)
        {
            return;
        }

        foreach (var sibling in steps.Where(s => s.GroupIndex == failed.GroupIndex && s.Id != failed.Id && !IsFinal(s.State)))
        {
            sibling.State = PipelineStepState.Stopped;
            sibling.Reason = $"Stopped because \"{failed.Name}\" failed in a fail-fast parallel group.";
            sibling.CompletedDate = now;
        }
    }

    /// <summary>Stops the pipeline: what runs or waits ends as STOPPED, what never started as NOT_RUN.</summary>
    public static bool Stop(PipelineEntity pipeline, IReadOnlyList<PipelineStepEntity> steps, string reason, long now)
    {
        if (IsFinal(pipeline.State))
        {
            return false;
        }

        foreach (var step in steps.Where(s => !IsFinal(s.State)))
        {
            var started = step.State is PipelineStepState.Running or PipelineStepState.Ready or PipelineStepState.Paused;
            step.State = started ? PipelineStepState.Stopped : PipelineStepState.NotRun;
            step.Reason = started ? reason : null;
            step.CompletedDate = now;
        }

        pipeline.State = PipelineState.Stopped;
        pipeline.CompletedDate = now;
        return true;
    }

    private static PipelineStepState? Failure(List<PipelineStepEntity> group)
    {
        // The worst outcome in the group names the pipeline's: an error outranks a failure, a failure a stop.
        if (group.Any(s => s.State == PipelineStepState.Error))
        {
            return PipelineStepState.Error;
        }

        if (group.Any(s => s.State == PipelineStepState.Failed))
        {
            return PipelineStepState.Failed;
        }

        return group.Any(s => s.State == PipelineStepState.Stopped) ? PipelineStepState.Stopped : null;
    }

    private static void End(PipelineEntity pipeline, IReadOnlyList<PipelineStepEntity> steps, PipelineStepState failure, long now)
    {
        foreach (var step in steps.Where(s => !IsFinal(s.State)))
        {
            step.State = PipelineStepState.NotRun;
            step.CompletedDate = now;
        }

        pipeline.State = failure switch
        {
            PipelineStepState.Error => PipelineState.Error,
            PipelineStepState.Stopped => PipelineState.Stopped,
            _ => PipelineState.Failed,
        };
        pipeline.CompletedDate = now;
    }
}
