using GitHost.Core.Failures;
using GitHost.Services.Pipelines.Commands;

namespace GitHost.Server.Pipelines;

/// <summary>
/// Bitbucket Cloud's body to run a pipeline:
/// <c>{"target": {"type": "pipeline_ref_target", "ref_type": "branch", "ref_name": "main", "commit": {"hash": "…"},
/// "selector": {"type": "custom", "pattern": "deploy"}}, "variables": [{"key": "ENV", "value": "staging"}]}</c>.
/// </summary>
public sealed record RestPipelineRunRequest(RestRunTarget? Target, IReadOnlyList<RestRunVariable>? Variables)
{
    public PipelineRunInput ToInput()
    {
        if (Target is null || string.IsNullOrWhiteSpace(Target.RefName))
        {
            throw GitHostException.Invalid("target.ref_name is required: the branch or tag to run on.", "target.ref_name");
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in Variables ?? [])
        {
            if (string.IsNullOrWhiteSpace(variable.Key) || !variables.TryAdd(variable.Key, variable.Value ?? ""))
            {
                throw GitHostException.Invalid($"Each variable needs a key, once (\"{variable.Key}\").", "variables");
            }
        }

        return new PipelineRunInput(
            Target.RefType ?? "branch", Target.RefName, Target.Commit?.Hash, Target.Selector?.Type, Target.Selector?.Pattern, variables);
    }
}

public sealed record RestRunTarget(string? Type, string? RefType, string? RefName, RestRunCommit? Commit, RestRunSelector? Selector);

public sealed record RestRunCommit(string? Hash);

public sealed record RestRunSelector(string? Type, string? Pattern);

public sealed record RestRunVariable(string? Key, string? Value, bool? Secured);
