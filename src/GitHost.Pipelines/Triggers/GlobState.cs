namespace GitHost.Pipelines.Triggers;

internal enum GlobStateKind
{
    /// <summary>Consumes <see cref="GlobState.Char"/>.</summary>
    Literal,

    /// <summary><c>?</c>: consumes one character other than <c>/</c>.</summary>
    AnyButSlash,

    /// <summary><c>[...]</c>: consumes one character of (or, negated, not of) the ranges, never <c>/</c>.</summary>
    Set,

    /// <summary><c>*</c>: consumes characters other than <c>/</c> and stays; may move on without consuming.</summary>
    Star,

    /// <summary><c>**</c>: consumes any character and stays; may move on without consuming.</summary>
    DoubleStar,

    /// <summary><c>{</c>: moves to the start of every alternative without consuming.</summary>
    Branch,

    /// <summary>The end of an alternative: moves to <see cref="GlobState.Next"/> without consuming.</summary>
    Jump,

    Match,
}

/// <summary>One state of a glob's automaton; <see cref="Next"/> is where consuming (or a jump) leads.</summary>
internal sealed class GlobState(GlobStateKind kind, int next)
{
    public GlobStateKind Kind { get; } = kind;

    public int Next { get; set; } = next;

    public char Char { get; init; }

    public bool Negated { get; init; }

    public IReadOnlyList<(char Low, char High)> Ranges { get; init; } = [];

    public List<int> Alternatives { get; } = [];

    public bool Consumes(char c) => Kind switch
    {
        GlobStateKind.Literal => c == Char,
        GlobStateKind.AnyButSlash or GlobStateKind.Star => c != '/',
        GlobStateKind.Set => c != '/' && Negated != Ranges.Any(r => c >= r.Low && c <= r.High),
        GlobStateKind.DoubleStar => true,
        _ => false,
    };
}
