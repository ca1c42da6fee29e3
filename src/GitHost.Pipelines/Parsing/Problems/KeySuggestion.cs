namespace GitHost.Pipelines.Parsing.Problems;

/// <summary>The hint for an unknown key: the allowed key it most likely meant, else the allowed keys.</summary>
internal static class KeySuggestion
{
    public static string For(string unknown, IReadOnlyCollection<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var distance = EditDistance(unknown.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Up to a third of the word mistyped still reads as a typo ("scirpt", "max_time", "Image");
        // further than that the nearest key is a guess, and the list is more useful.
        var threshold = Math.Max(2, unknown.Length / 3);
        return best is not null && bestDistance <= threshold
            ? $"Did you mean \"{best}\"?"
            : $"Allowed keys here: {string.Join(", ", allowed)}.";
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus swapping two neighbours.</summary>
    internal static int EditDistance(string a, string b)
    {
        // Keys are short; a hostile 1 MiB key is cut so the table stays small.
        if (a.Length > 64)
        {
            a = a[..64];
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
