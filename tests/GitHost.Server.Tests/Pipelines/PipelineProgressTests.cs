using GitHost.Data.Pipelines;
using GitHost.Services.Pipelines.Runs;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>The scheduler's rule on its own: groups in order, parallel groups together, manual steps pause, failures end the pipeline.</summary>
public sealed class PipelineProgressTests
{
    private const long Now = 1_000;

    [Fact]
    public void A_new_pipeline_queues_only_its_first_group()
    {
        var (pipeline, steps) = Make((0, false, false), (1, false, false), (1, false, false), (2, false, false));

        Assert.True(PipelineProgress.Advance(pipeline, steps, Now));

        Assert.Equal(PipelineState.Running, pipeline.State);
        Assert.Equal([PipelineStepState.Ready, PipelineStepState.Pending, PipelineStepState.Pending, PipelineStepState.Pending], steps.Select(s => s.State));
        Assert.Equal(Now, steps[0].ReadyDate);
    }

    [Fact]
    public void A_finished_group_queues_the_whole_next_parallel_group_and_the_last_success_ends_the_pipeline()
    {
        var (pipeline, steps) = Make((0, false, false), (1, false, false), (1, false, false));
        PipelineProgress.Advance(pipeline, steps, Now);

        steps[0].State = PipelineStepState.Successful;
        PipelineProgress.Advance(pipeline, steps, Now);
        Assert.Equal([PipelineStepState.Successful, PipelineStepState.Ready, PipelineStepState.Ready], steps.Select(s => s.State));

        steps[1].State = PipelineStepState.Successful;
        Assert.False(PipelineProgress.Advance(pipeline, steps, Now));
        Assert.Equal(PipelineState.Running, pipeline.State);

        steps[2].State = PipelineStepState.Successful;
        Assert.True(PipelineProgress.Advance(pipeline, steps, Now + 5));
        Assert.Equal(PipelineState.Successful, pipeline.State);
        Assert.Equal(Now + 5, pipeline.CompletedDate);
    }

    [Fact]
    public void A_manual_step_pauses_the_pipeline_until_it_is_started()
    {
        var (pipeline, steps) = Make((0, false, false), (1, true, false));
        PipelineProgress.Advance(pipeline, steps, Now);
        steps[0].State = PipelineStepState.Successful;

        PipelineProgress.Advance(pipeline, steps, Now);

        Assert.Equal(PipelineState.Paused, pipeline.State);
        Assert.Equal(PipelineStepState.Paused, steps[1].State);
        Assert.Null(pipeline.CompletedDate);
    }

    [Fact]
    public void A_failure_leaves_later_groups_not_run_and_the_pipeline_failed_but_waits_for_a_running_sibling()
    {
        var (pipeline, steps) = Make((0, false, false), (0, false, false), (1, false, false));
        PipelineProgress.Advance(pipeline, steps, Now);
        steps[0].State = PipelineStepState.Failed;
        steps[1].State = PipelineStepState.Running;

        PipelineProgress.Advance(pipeline, steps, Now);
        Assert.Equal(PipelineState.Running, pipeline.State);

        steps[1].State = PipelineStepState.Successful;
        PipelineProgress.Advance(pipeline, steps, Now);
        Assert.Equal(PipelineState.Failed, pipeline.State);
        Assert.Equal(PipelineStepState.NotRun, steps[2].State);
    }

    [Fact]
    public void Fail_fast_stops_the_siblings_and_an_error_outranks_a_failure()
    {
        var (pipeline, steps) = Make((0, false, true), (0, false, true), (0, false, true));
        PipelineProgress.Advance(pipeline, steps, Now);
        steps[0].State = PipelineStepState.Failed;

        PipelineProgress.StopSiblings(steps[0], steps, Now);
        Assert.Equal([PipelineStepState.Failed, PipelineStepState.Stopped, PipelineStepState.Stopped], steps.Select(s => s.State));
        Assert.Contains("fail-fast", steps[1].Reason);

        steps[2].State = PipelineStepState.Error;
        PipelineProgress.Advance(pipeline, steps, Now);
        Assert.Equal(PipelineState.Error, pipeline.State);
    }

    [Fact]
    public void Skipped_steps_count_as_passed_and_stop_ends_what_runs_as_stopped_and_the_rest_as_not_run()
    {
        var (pipeline, steps) = Make((0, false, false), (1, false, false), (2, false, false));
        steps[0].State = PipelineStepState.NotRun;
        PipelineProgress.Advance(pipeline, steps, Now);
        Assert.Equal(PipelineStepState.Ready, steps[1].State);

        Assert.True(PipelineProgress.Stop(pipeline, steps, "Stopped by alice.", Now));

        Assert.Equal(PipelineState.Stopped, pipeline.State);
        Assert.Equal([PipelineStepState.NotRun, PipelineStepState.Stopped, PipelineStepState.NotRun], steps.Select(s => s.State));
        Assert.Equal("Stopped by alice.", steps[1].Reason);
        Assert.False(PipelineProgress.Stop(pipeline, steps, "again", Now));
        Assert.False(PipelineProgress.Advance(pipeline, steps, Now));
    }

    private static (PipelineEntity Pipeline, List<PipelineStepEntity> Steps) Make(params (int Group, bool Manual, bool FailFast)[] layout)
    {
        var steps = layout.Select((s, i) => new PipelineStepEntity
        {
            Id = i + 1,
            Index = i,
            GroupIndex = s.Group,
            ManualTrigger = s.Manual,
            FailFast = s.FailFast,
            Name = $"step {i}",
            State = PipelineStepState.Pending,
        }).ToList();
        return (new PipelineEntity { Id = 1, State = PipelineState.Pending }, steps);
    }
}
