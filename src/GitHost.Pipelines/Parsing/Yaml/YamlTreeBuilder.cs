using GitHost.Pipelines.Parsing.Problems;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitHost.Pipelines.Parsing.Yaml;

/// <summary>
/// Turns YamlDotNet's event stream into a <see cref="YamlTreeNode"/> tree without recursion, checking
/// the limits as it goes: nesting past <see cref="PipelineParserLimits.MaxDepth"/> and more than
/// <see cref="PipelineParserLimits.MaxNodes"/> nodes after alias expansion stop the read at once, so a
/// billion-laughs file costs a few thousand events, not its expansion. YAML-level mistakes (syntax,
/// unknown or cyclic aliases, a second document) are fatal; repeated keys and bad merge keys are
/// reported and the read goes on.
/// </summary>
internal sealed class YamlTreeBuilder(PipelineParserLimits limits, ProblemCollector problems)
{
    private readonly Dictionary<string, YamlTreeNode> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);
    private readonly Stack<CollectionFrame> _frames = new();
    private long _expandedNodes;
    private int _documents;
    private YamlTreeNode? _root;

    public YamlTreeDocument Build(string text)
    {
        using var reader = new StringReader(text);
        var parser = new Parser(reader);
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                if (!Handle(current))
                {
                    return YamlTreeDocument.Failed;
                }
            }
        }
        catch (YamlException ex)
        {
            YamlSyntaxProblem.Report(problems, ex, text);
            return YamlTreeDocument.Failed;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, with no position, when the text ends inside a flow
            // collection ("[1, 2" at the end of the file); the last good event is the nearest place.
            problems.Add(YamlPosition.From(last), "", "the file is not valid YAML: it seems to end inside a [ ] or { } collection",
                "Close every [ with ] and every { with }.");
            return YamlTreeDocument.Failed;
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet validates tags (!!str, !custom) by constructing them, which throws this.
            problems.Add(YamlPosition.From(last), "", $"the file is not valid YAML: {YamlSyntaxProblem.Reason(ex.Message)}",
                "Quote text that starts with ! (a YAML tag); a pipelines file needs no tags.");
            return YamlTreeDocument.Failed;
        }

        return new YamlTreeDocument(_root, Ok: true);
    }

    private bool Handle(ParsingEvent e) => e switch
    {
        DocumentStart start => StartDocument(start),
        Scalar scalar => AddScalar(scalar),
        AnchorAlias alias => AddAlias(alias),
        SequenceStart start => Open(new YamlTreeSequence(YamlPosition.From(start.Start)), start.Anchor),
        MappingStart start => Open(new YamlTreeMapping(YamlPosition.From(start.Start)), start.Anchor),
        SequenceEnd or MappingEnd => Close(),
        _ => true,
    };

    private bool StartDocument(DocumentStart start)
    {
        if (++_documents == 1)
        {
            return true;
        }

        problems.Add(YamlPosition.From(start.Start), "", "the file holds more than one YAML document",
            "Keep one document: remove the second \"---\" and everything after it, or merge the two.");
        return false;
    }

    private bool AddScalar(Scalar e)
    {
        var node = new YamlTreeScalar(YamlPosition.From(e.Start), e.Value, e.Style, hasTag: !e.Tag.IsEmpty && !e.Tag.IsNonSpecific);
        if (!Count(node.Start, 1))
        {
            return false;
        }

        if (!e.Anchor.IsEmpty)
        {
            _anchors[e.Anchor.Value] = node;
        }

        Attach(node);
        return true;
    }

    private bool AddAlias(AnchorAlias e)
    {
        var at = YamlPosition.From(e.Start);
        var name = e.Value.Value;
        if (!_anchors.TryGetValue(name, out var target))
        {
            var inside = _openAnchors.Contains(name);
            problems.Add(at, CurrentPath(), inside
                    ? $"alias *{name} is inside the node it refers to, which would make a cycle"
                    : $"alias *{name} refers to no anchor defined before it",
                inside
                    ? $"Move *{name} out of the node anchored &{name}."
                    : $"Define &{name} earlier in the file. A key or value that starts with * is read as an alias: quote globs such as '*' or '**'.");
            return false;
        }

        if (_frames.Count + target.Height > limits.MaxDepth)
        {
            return DepthExceeded(at);
        }

        if (!Count(at, target.ExpandedSize))
        {
            return false;
        }

        Attach(target);
        return true;
    }

    private bool Open(YamlTreeNode node, AnchorName anchor)
    {
        if (_frames.Count + 1 > limits.MaxDepth)
        {
            return DepthExceeded(node.Start);
        }

        if (!Count(node.Start, 1))
        {
            return false;
        }

        var parent = _frames.Count > 0 ? _frames.Peek() : null;
        var frame = new CollectionFrame(node, anchor.IsEmpty ? null : anchor.Value, parent, parent?.ChildSegment() ?? "");
        if (frame.Anchor is not null)
        {
            _openAnchors.Add(frame.Anchor);
        }

        _frames.Push(frame);
        return true;
    }

    private bool Close()
    {
        var frame = _frames.Pop();
        switch (frame.Node)
        {
            case YamlTreeSequence sequence:
                sequence.Complete();
                break;
            case YamlTreeMapping mapping:
                MergeKeys.Apply(mapping, frame.MergeSources);
                mapping.Complete();
                break;
        }

        if (frame.Anchor is not null)
        {
            _openAnchors.Remove(frame.Anchor);
            _anchors[frame.Anchor] = frame.Node;
        }

        Attach(frame.Node);
        return true;
    }

    private void Attach(YamlTreeNode node)
    {
        if (_frames.Count == 0)
        {
            _root = node;
            return;
        }

        var frame = _frames.Peek();
        switch (frame.Node)
        {
            case YamlTreeSequence sequence:
                sequence.Add(node);
                frame.Index++;
                break;
            case YamlTreeMapping mapping when frame.PendingKey is { } key:
                AddEntry(frame, mapping, key, node);
                frame.PendingKey = null;
                break;
            case YamlTreeMapping:
                frame.PendingKey = node;
                break;
        }
    }

    private void AddEntry(CollectionFrame frame, YamlTreeMapping mapping, YamlTreeNode key, YamlTreeNode value)
    {
        if (MergeKeys.IsMergeKey(key))
        {
            if (MergeKeys.IsMergeable(value))
            {
                frame.MergeSources.Add(value);
            }
            else
            {
                problems.Add(value.Start, frame.Path(), "\"<<\" merges maps into this one, but its value is not a map or a list of maps",
                    "Write <<: *name, where &name is on a map, or <<: [*one, *two].");
            }

            return;
        }

        if (key is YamlTreeScalar scalar && mapping.Find(scalar.Value) is { } first)
        {
            problems.Add(key.Start, frame.Path(), $"duplicate key \"{YamlPath.Shorten(scalar.Value)}\" (first at line {first.Key.Start.Line})",
                $"Keep one \"{YamlPath.Shorten(scalar.Value)}\": a map may not repeat a key, and the second one would be ignored.");
            return;
        }

        mapping.Add(new YamlTreeEntry(key, value));
    }

    private bool Count(YamlPosition at, long nodes)
    {
        _expandedNodes = nodes > long.MaxValue - _expandedNodes ? long.MaxValue : _expandedNodes + nodes;
        if (_expandedNodes <= limits.MaxNodes)
        {
            return true;
        }

        problems.Add(at, CurrentPath(), $"the file expands to more than {limits.MaxNodes} YAML nodes (aliases count at every use)",
            "Use fewer aliases of large anchors; aliases of aliases multiply quickly.");
        return false;
    }

    private bool DepthExceeded(YamlPosition at)
    {
        problems.Add(at, CurrentPath(), $"the file nests more than {limits.MaxDepth} levels deep",
            "Flatten the structure; a pipelines file needs about ten levels.");
        return false;
    }

    private string CurrentPath() => _frames.Count == 0 ? "" : _frames.Peek().ChildPath();
}
