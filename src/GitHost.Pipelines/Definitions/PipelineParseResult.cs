namespace GitHost.Pipelines.Definitions;

/// <summary>
/// What the parser made of a file. <see cref="File"/> is null when the text could not be read as a
/// pipelines file at all (not YAML, over a limit, no <c>pipelines</c>); otherwise it holds everything
/// that could be read, even when <see cref="Problems"/> is not empty. Only a valid result may run.
/// </summary>
public sealed record PipelineParseResult(PipelineFile? File, IReadOnlyList<PipelineProblem> Problems)
{
    public bool IsValid => File is not null && Problems.Count == 0;
}
