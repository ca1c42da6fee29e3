using System.Text.Json;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Definitions;

namespace GitHost.Services.Pipelines.Runs;

/// <summary>
/// Turns a selected pipeline into step rows: each <c>step</c> is a group of its own, a <c>parallel</c>
/// block one group of several, a <c>stage</c> its steps one after the other (its manual trigger on its
/// first step, its deployment and condition on each).
/// </summary>
public static class PipelinePlan
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static List<PipelineStepEntity> Steps(PipelineFile file, Pipeline pipeline, int defaultMaxTimeMinutes)
    {
        var steps = new List<PipelineStepEntity>();
        var group = 0;
        foreach (var item in pipeline.Items)
        {
            switch (item)
            {
                case StepItem single:
                    steps.Add(Step(file, single.Step, steps.Count, group++, 1, false, null, null, null, false, defaultMaxTimeMinutes));
                    break;
                case ParallelItem parallel:
                    foreach (var step in parallel.Steps)
                    {
                        steps.Add(Step(file, step, steps.Count, group, parallel.Steps.Count, parallel.FailFast, null, null, null, false, defaultMaxTimeMinutes));
                    }

                    group++;
                    break;
                case StageItem stage:
                    for (var i = 0; i < stage.Steps.Count; i++)
                    {
                        steps.Add(Step(file, stage.Steps[i], steps.Count, group++, 1, false, stage.Name, stage.Deployment, stage.Condition,
                            stage.ManualTrigger && i == 0, defaultMaxTimeMinutes));
                    }

                    break;
            }
        }

        return steps;
    }

    public static string NormalizeLabels(IEnumerable<string> labels) =>
        string.Join(' ', labels.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    public static StepWork Work(PipelineStepEntity step) => JsonSerializer.Deserialize<StepWork>(step.Definition, Json)!;

    private static PipelineStepEntity Step(
        PipelineFile file, StepDefinition step, int index, int group, int groupSize, bool failFast, string? stageName, string? stageDeployment,
        ChangesetCondition? stageCondition, bool stageManual, int defaultMaxTimeMinutes) => new()
    {
        Uuid = Guid.NewGuid(),
        Index = index,
        GroupIndex = group,
        GroupSize = groupSize,
        FailFast = failFast || step.FailFast,
        StageName = stageName,
        Name = string.IsNullOrWhiteSpace(step.Name) ? $"Step {index + 1}" : step.Name,
        Definition = JsonSerializer.Serialize(StepWork.From(step, stageCondition), Json),
        RunsOn = NormalizeLabels(step.RunsOn),
        MaxTimeMinutes = step.MaxTimeMinutes ?? file.Options.MaxTimeMinutes ?? defaultMaxTimeMinutes,
        ManualTrigger = step.ManualTrigger || stageManual,
        Deployment = step.Deployment ?? stageDeployment,
        State = PipelineStepState.Pending,
    };
}
