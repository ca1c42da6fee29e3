using System.Collections.Immutable;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>Values that steps and <c>options</c> share, with Bitbucket's bounds.</summary>
internal static class OptionValues
{
    /// <summary>Bitbucket's ceiling for <c>max-time</c>, on its own infrastructure and on runners alike.</summary>
    public const int MaxTimeCeiling = 720;

    private static readonly ImmutableArray<(string Text, int Size)> Sizes = [("1x", 1), ("2x", 2), ("4x", 4), ("8x", 8), ("16x", 16), ("32x", 32)];

    public static int? MaxTime(ReadContext context, YamlTreeNode node, string path)
    {
        const string hint = "Write the number of minutes, from 1 to 720, e.g. max-time: 30.";
        if (Nodes.Integer(context, node, path, hint) is not { } minutes)
        {
            return null;
        }

        if (minutes is < 1 or > MaxTimeCeiling)
        {
            context.Report(node, path, $"{minutes} minutes is outside 1 to {MaxTimeCeiling}", hint);
            return null;
        }

        return minutes;
    }

    public static int? Size(ReadContext context, YamlTreeNode node, string path)
    {
        const string hint = "Use one of 1x, 2x, 4x, 8x, 16x, 32x.";
        if (Nodes.Text(context, node, path, hint) is not { } text)
        {
            return null;
        }

        foreach (var (name, size) in Sizes)
        {
            if (text == name)
            {
                return size;
            }
        }

        context.Report(node, path, $"unknown size \"{text}\"", hint);
        return null;
    }

    /// <summary>True for <c>trigger: manual</c>, false for <c>automatic</c>.</summary>
    public static bool? ManualTrigger(ReadContext context, YamlTreeNode node, string path)
    {
        const string hint = "Write trigger: manual or trigger: automatic.";
        switch (Nodes.Text(context, node, path, hint))
        {
            case null:
                return null;
            case "manual":
                return true;
            case "automatic":
                return false;
            case var other:
                context.Report(node, path, $"unknown trigger \"{other}\"", hint);
                return null;
        }
    }
}
