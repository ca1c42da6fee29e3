namespace GitHost.Services.SecretScanning;

/// <summary>Bits per character of a string's own character distribution: about 4 for random hex, 6 for random base64, under 3 for words.</summary>
public static class ShannonEntropy
{
    public static double Of(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        Span<int> ascii = stackalloc int[128];
        var other = new Dictionary<char, int>();
        foreach (var c in text)
        {
            if (c < 128)
            {
                ascii[c]++;
            }
            else
            {
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        double entropy = 0;
        foreach (var count in ascii)
        {
            entropy -= Term(count, text.Length);
        }

        foreach (var count in other.Values)
        {
            entropy -= Term(count, text.Length);
        }

        return entropy;
    }

    private static double Term(int count, int length)
    {
        if (count == 0)
        {
            return 0;
        }

        var p = (double)count / length;
        return p * Math.Log2(p);
    }
}
