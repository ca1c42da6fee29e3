using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Problems;

/// <summary>
/// Collects problems in the order they are found, keeps the first <c>max</c> and counts the rest, so
/// a file of ten thousand mistakes costs a bounded answer. A problem seen again at the same place with
/// the same text is dropped: a definition used through five aliases is one mistake, not five.
/// </summary>
internal sealed class ProblemCollector(int max)
{
    private readonly List<PipelineProblem> _kept = [];
    private readonly HashSet<(int Line, int Column, string Detail)> _seen = [];
    private int _dropped;
    private YamlPosition? _firstDropped;

    public bool Any => _kept.Count > 0;

    public void Add(YamlPosition at, string path, string detail, string? hint) => Add(at, path, detail, () => hint);

    /// <summary>Takes the hint as a function: a hint that costs work (a nearest key) is made only for a kept problem.</summary>
    public void Add(YamlPosition at, string path, string detail, Func<string?> hint)
    {
        if (!_seen.Add((at.Line, at.Column, detail)))
        {
            return;
        }

        if (_kept.Count >= max)
        {
            _dropped++;
            _firstDropped ??= at;
            return;
        }

        var message = path.Length == 0 ? detail : $"{path}: {detail}";
        _kept.Add(new PipelineProblem(at.Line, at.Column, message, hint()));
    }

    public IReadOnlyList<PipelineProblem> ToList()
    {
        var sorted = _kept.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        if (_dropped > 0 && _firstDropped is { } first)
        {
            sorted.Add(new PipelineProblem(first.Line, first.Column,
                $"... and {_dropped} more problem{(_dropped == 1 ? "" : "s")} not shown",
                "Fix the problems above and check the file again."));
        }

        return sorted;
    }
}
