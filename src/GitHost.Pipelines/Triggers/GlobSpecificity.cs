namespace GitHost.Pipelines.Triggers;

/// <summary>
/// How specific a glob is, for choosing between several that match. Bitbucket documents that an
/// exact name beats any glob and that <c>feature/bb-123-*</c> beats <c>feature/bb-*</c>; GitHost reads
/// that as, in order: exact names first, then more literal characters, then fewer <c>**</c>, then fewer
/// <c>*</c>, then more one-character wildcards (<c>?</c>, <c>[...]</c>), which pin a length. A
/// <c>{a,b}</c> group counts the literals of its shortest alternative.
/// </summary>
internal readonly record struct GlobSpecificity(bool Exact, int Literals, int DoubleStars, int Stars, int SingleCharacters)
    : IComparable<GlobSpecificity>
{
    public int CompareTo(GlobSpecificity other)
    {
        if (Exact != other.Exact)
        {
            return Exact ? 1 : -1;
        }

        if (Literals != other.Literals)
        {
            return Literals.CompareTo(other.Literals);
        }

        if (DoubleStars != other.DoubleStars)
        {
            return other.DoubleStars.CompareTo(DoubleStars);
        }

        return Stars != other.Stars ? other.Stars.CompareTo(Stars) : SingleCharacters.CompareTo(other.SingleCharacters);
    }
}
