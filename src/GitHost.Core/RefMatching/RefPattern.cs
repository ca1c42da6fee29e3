namespace GitHost.Core.RefMatching;

/// <summary>
/// Bitbucket's branch pattern (Ant-like): <c>?</c> is one character and <c>*</c> any run of characters,
/// both inside one path segment; <c>**</c> is any number of whole segments. A pattern ending in
/// <c>/</c> gets <c>**</c> appended, and a pattern only has to match a segment-aligned suffix of the
/// fully qualified ref, so <c>release/*</c> matches <c>refs/heads/release/1.0</c> and
/// <c>heads/**/main</c> matches <c>refs/heads/main</c> and <c>refs/heads/stable/main</c>.
/// </summary>
public static class RefPattern
{
    public static bool Matches(string pattern, string refId)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(refId);
        if (pattern.Length == 0)
        {
            return false;
        }

        var expanded = pattern.EndsWith('/') ? pattern + "**" : pattern;
        // A leading "**" turns "match the whole ref" into "match a suffix of the ref".
        var patternSegments = new List<string> { "**" };
        patternSegments.AddRange(expanded.Split('/'));
        return MatchSegments(patternSegments, 0, refId.Split('/'), 0);
    }

    private static bool MatchSegments(List<string> pattern, int p, string[] segments, int s)
    {
        while (p < pattern.Count)
        {
            if (pattern[p] == "**")
            {
                // Collapse runs of "**": they mean the same as one.
                while (p + 1 < pattern.Count && pattern[p + 1] == "**")
                {
                    p++;
                }

                if (p == pattern.Count - 1)
                {
                    return true;
                }

                for (var skip = s; skip <= segments.Length; skip++)
                {
                    if (MatchSegments(pattern, p + 1, segments, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (s >= segments.Length || !MatchSegment(pattern[p], segments[s]))
            {
                return false;
            }

            p++;
            s++;
        }

        return s == segments.Length;
    }

    private static bool MatchSegment(string pattern, string segment)
    {
        // Iterative wildcard match with one backtrack point: linear enough for hostile input.
        int p = 0, s = 0, star = -1, mark = 0;
        while (s < segment.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == segment[s]))
            {
                p++;
                s++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = s;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
