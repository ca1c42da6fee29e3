using System.Diagnostics.CodeAnalysis;

namespace GitHost.Pipelines.Triggers;

/// <summary>
/// One left-to-right pass over a pattern: builds the <see cref="GlobAutomaton"/>'s states (each
/// consuming state leads to the one after it) and counts what <see cref="GlobSpecificity"/> needs.
/// </summary>
internal sealed class GlobCompiler(string pattern)
{
    private readonly List<GlobState> _states = [];
    private int _position;
    private int _literals;
    private int _stars;
    private int _singleCharacters;
    private int _doubleStars;
    private GlobState? _branch;
    private readonly List<GlobState> _alternativeEnds = [];
    private int _alternativeLiterals;
    private int? _groupMinLiterals;
    private bool _hasGroup;

    public GlobAutomaton Automaton => new(_states);

    public GlobSpecificity Specificity =>
        new(_stars == 0 && _singleCharacters == 0 && _doubleStars == 0 && !_hasGroup, _literals, _doubleStars, _stars, _singleCharacters);

    public bool Run([NotNullWhen(false)] out string? error)
    {
        while (_position < pattern.Length)
        {
            if (!Step(out error))
            {
                return false;
            }
        }

        if (_branch is not null)
        {
            error = "a { is not closed with }";
            return false;
        }

        Add(GlobStateKind.Match);
        error = null;
        return true;
    }

    private bool Step([NotNullWhen(false)] out string? error)
    {
        error = null;
        var c = pattern[_position++];
        switch (c)
        {
            case '*' when _position < pattern.Length && pattern[_position] == '*':
                _position++;
                _doubleStars++;
                Add(GlobStateKind.DoubleStar);
                return true;
            case '*':
                _stars++;
                Add(GlobStateKind.Star);
                return true;
            case '?':
                _singleCharacters++;
                Add(GlobStateKind.AnyButSlash);
                return true;
            case '[':
                _singleCharacters++;
                return Set(out error);
            case '{' when _branch is not null:
                error = "groups { } cannot be nested";
                return false;
            case '{':
                OpenGroup();
                return true;
            case ',' when _branch is not null:
                EndAlternative();
                _branch.Alternatives.Add(_states.Count);
                return true;
            case '}' when _branch is not null:
                CloseGroup();
                return true;
            case '\\' when _position == pattern.Length:
                error = "it ends with a lone \\";
                return false;
            case '\\':
                Literal(pattern[_position++]);
                return true;
            default:
                Literal(c);
                return true;
        }
    }

    private GlobState Add(GlobStateKind kind, char literal = default, bool negated = false, List<(char, char)>? ranges = null)
    {
        var state = new GlobState(kind, _states.Count + 1) { Char = literal, Negated = negated, Ranges = ranges ?? [] };
        _states.Add(state);
        return state;
    }

    private void Literal(char c)
    {
        if (_branch is not null)
        {
            _alternativeLiterals++;
        }
        else
        {
            _literals++;
        }

        Add(GlobStateKind.Literal, c);
    }

    private void OpenGroup()
    {
        _hasGroup = true;
        _branch = Add(GlobStateKind.Branch);
        _branch.Alternatives.Add(_states.Count);
        _alternativeEnds.Clear();
        _alternativeLiterals = 0;
        _groupMinLiterals = null;
    }

    private void EndAlternative()
    {
        _alternativeEnds.Add(Add(GlobStateKind.Jump));
        _groupMinLiterals = Math.Min(_groupMinLiterals ?? int.MaxValue, _alternativeLiterals);
        _alternativeLiterals = 0;
    }

    private void CloseGroup()
    {
        EndAlternative();
        foreach (var end in _alternativeEnds)
        {
            end.Next = _states.Count;
        }

        _literals += _groupMinLiterals ?? 0;
        _branch = null;
    }

    /// <summary><c>[abc]</c>, <c>[a-z]</c>, <c>[!abc]</c>; a <c>]</c> right after the opening is literal.</summary>
    private bool Set([NotNullWhen(false)] out string? error)
    {
        var negated = _position < pattern.Length && pattern[_position] == '!';
        if (negated)
        {
            _position++;
        }

        var ranges = new List<(char, char)>();
        var first = true;
        while (_position < pattern.Length && (pattern[_position] != ']' || first))
        {
            first = false;
            var low = pattern[_position++];
            var high = low;
            if (_position + 1 < pattern.Length && pattern[_position] == '-' && pattern[_position + 1] != ']')
            {
                high = pattern[_position + 1];
                _position += 2;
            }

            if (low == '/' || high == '/')
            {
                error = "a [ ] set cannot contain /";
                return false;
            }

            if (high < low)
            {
                error = $"the range {low}-{high} is backwards";
                return false;
            }

            ranges.Add((low, high));
        }

        if (_position >= pattern.Length)
        {
            error = "a [ is not closed with ]";
            return false;
        }

        _position++;
        Add(GlobStateKind.Set, negated: negated, ranges: ranges);
        error = null;
        return true;
    }
}
