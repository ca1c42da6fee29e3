using System.Text;
using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Reading;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing;

/// <summary>
/// Reads a <c>bitbucket-pipelines.yml</c> into a <see cref="PipelineFile"/>. It never throws on input:
/// every problem found is returned with its line, column and a hint, and a file over the limits is
/// refused quickly without being expanded.
/// <code>
/// var result = new PipelineFileParser().Parse(text);
/// if (!result.IsValid) { /* show result.Problems */ }
/// var selected = PipelineSelector.ForBranch(result.File!, "main");
/// </code>
/// </summary>
public sealed class PipelineFileParser
{
    private readonly PipelineParserLimits _limits;

    public PipelineFileParser()
        : this(new PipelineParserLimits())
    {
    }

    public PipelineFileParser(PipelineParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxNodes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxStepsPerPipeline);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxProblems);
        _limits = limits;
    }

    public PipelineParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new ProblemCollector(_limits.MaxProblems);
        // Every char is at least one UTF-8 byte, so a long string is refused without counting bytes.
        if (text.Length > _limits.MaxBytes || Encoding.UTF8.GetByteCount(text) > _limits.MaxBytes)
        {
            problems.Add(YamlPosition.Start, "", $"the file is larger than {FormatBytes(_limits.MaxBytes)}",
                "Keep bitbucket-pipelines.yml small: move long scripts into files in the repository and run them from script.");
            return new PipelineParseResult(null, problems.ToList());
        }

        // A byte order mark would otherwise become part of the first key ("\uFEFFimage").
        var document = new YamlTreeBuilder(_limits, problems).Build(text.StartsWith('\uFEFF') ? text[1..] : text);
        var file = document.Ok ? FileReader.Read(new ReadContext(problems, _limits), document.Root) : null;
        return new PipelineParseResult(file, problems.ToList());
    }

    private static string FormatBytes(int bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";
}
