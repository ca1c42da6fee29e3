using System.Diagnostics.CodeAnalysis;

namespace GitHost.Pipelines.Triggers;

/// <summary>
/// A <see cref="PipelineGlob"/> pattern, checked and compiled once. Patterns come from a file anyone
/// with push access writes, so matching runs on an automaton (<see cref="GlobAutomaton"/>) that is
/// linear in the name, and compiling costs microseconds: selection compiles every pattern of a file
/// on each push.
/// </summary>
internal sealed class GlobPattern
{
    /// <summary>Longer than any branch name or path anyone writes; bounds the automaton.</summary>
    public const int MaxLength = 1024;

    private readonly GlobAutomaton _automaton;

    private GlobPattern(GlobAutomaton automaton, GlobSpecificity specificity)
    {
        _automaton = automaton;
        Specificity = specificity;
    }

    public GlobSpecificity Specificity { get; }

    public bool IsMatch(string value) => _automaton.IsMatch(value);

    public static bool TryParse(string pattern, [NotNullWhen(true)] out GlobPattern? glob, [NotNullWhen(false)] out string? error)
    {
        glob = null;
        if (pattern.Length > MaxLength)
        {
            error = $"it is longer than {MaxLength} characters";
            return false;
        }

        var compiler = new GlobCompiler(pattern);
        if (!compiler.Run(out error))
        {
            return false;
        }

        glob = new GlobPattern(compiler.Automaton, compiler.Specificity);
        return true;
    }
}
