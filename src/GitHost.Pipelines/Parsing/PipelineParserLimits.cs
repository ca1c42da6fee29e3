namespace GitHost.Pipelines.Parsing;

/// <summary>
/// Bounds on what one file may cost to read. The defaults fit any real <c>bitbucket-pipelines.yml</c>
/// many times over and stop hostile ones (huge files, alias bombs, deep nesting) before they cost more
/// than a few milliseconds.
/// </summary>
public sealed record PipelineParserLimits
{
    /// <summary>UTF-8 size of the file; a larger file is one problem and is not parsed.</summary>
    public int MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Lists and maps nested in each other, counting through aliases.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>YAML nodes with every alias counted at every use: what the file would be written out.</summary>
    public int MaxNodes { get; init; } = 100_000;

    /// <summary>Bitbucket's limit: steps in parallel groups and stages count one each.</summary>
    public int MaxStepsPerPipeline { get; init; } = 100;

    /// <summary>Problems reported one by one; the rest are summed up in one last problem.</summary>
    public int MaxProblems { get; init; } = 100;
}
