using GitHost.Data.Pipelines;
using GitHost.Services.Pipelines;
using GitHost.Services.Pipelines.Runs;

namespace GitHost.Server.Pipelines;

/// <summary>A step in Bitbucket Cloud's shape (<c>pipeline_step</c>), with the script as <c>script_commands</c> and what a shell runner needs to know.</summary>
public sealed record RestPipelineStep(
    string Type,
    string Uuid,
    string Name,
    string? Stage,
    int GroupIndex,
    RestPipelineState State,
    RestStepTrigger Trigger,
    IReadOnlyList<string> RunsOn,
    int MaxTime,
    string? Deployment,
    RestStepImage? Image,
    IReadOnlyList<string>? Services,
    IReadOnlyList<RestScriptCommand> ScriptCommands,
    IReadOnlyList<RestScriptCommand> AfterScriptCommands,
    string? StartedOn,
    string? CompletedOn,
    long? DurationInSeconds,
    int? ExitCode,
    string? Reason,
    long LogByteCount)
{
    public static RestPipelineStep From(PipelineStepEntity step)
    {
        var work = PipelinePlan.Work(step);
        return new RestPipelineStep(
            "pipeline_step",
            PipelineIds.Format(step.Uuid),
            step.Name,
            step.StageName,
            step.GroupIndex,
            RestPipelineState.Of(step.State),
            new RestStepTrigger(step.ManualTrigger ? "pipeline_step_trigger_manual" : "pipeline_step_trigger_automatic"),
            step.RunsOn.Length == 0 ? [] : step.RunsOn.Split(' '),
            step.MaxTimeMinutes,
            step.Deployment,
            work.Image is null ? null : new RestStepImage(work.Image),
            work.Services.Count == 0 ? null : work.Services,
            Commands(work.Script),
            Commands(work.AfterScript),
            RestDates.Iso(step.StartedDate),
            RestDates.Iso(step.CompletedDate),
            step.StartedDate is { } started && step.CompletedDate is { } done ? (done - started) / 1000 : null,
            step.ExitCode,
            step.Reason,
            step.LogSize);
    }

    private static List<RestScriptCommand> Commands(IReadOnlyList<string> script) =>
        script.Select((command, i) => new RestScriptCommand(command.Split('\n', 2)[0], command)).ToList();
}

public sealed record RestStepTrigger(string Type);

public sealed record RestStepImage(string Name);

public sealed record RestScriptCommand(string Name, string Command);
