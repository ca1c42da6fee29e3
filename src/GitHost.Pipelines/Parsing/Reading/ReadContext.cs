using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// What every reader needs: where problems go, the limits, and what the top of the file says that
/// steps inherit or refer to (options, image, clone settings, defined services and caches).
/// </summary>
internal sealed class ReadContext(ProblemCollector problems, PipelineParserLimits limits)
{
    public PipelineParserLimits Limits { get; } = limits;

    public PipelineOptions Options { get; set; } = PipelineOptions.Default;

    public string? Image { get; set; }

    public CloneSettings Clone { get; set; } = CloneSettings.Default;

    public HashSet<string> DefinedServices { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DefinedCaches { get; } = new(StringComparer.Ordinal);

    public void Report(YamlTreeNode at, string path, string detail, string? hint) => problems.Add(at.Start, path, detail, hint);

    public void Report(YamlPosition at, string path, string detail, string? hint) => problems.Add(at, path, detail, hint);

    public void Report(YamlTreeNode at, string path, string detail, Func<string?> hint) => problems.Add(at.Start, path, detail, hint);
}
