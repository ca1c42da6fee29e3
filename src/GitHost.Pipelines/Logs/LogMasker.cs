using System.Text;

namespace GitHost.Pipelines.Logs;

/// <summary>
/// Replaces secured variables' values in a log stream with <c>$NAME</c>: the value itself and the ways
/// a script commonly prints it (base64 with and without padding, base64url, URL-encoded). The stream
/// arrives in arbitrary pieces, so a value split across two writes must still be caught: the masker
/// holds back the shortest tail that could be the start of a value until the next piece (or
/// <see cref="Flush"/>) decides it. Values shorter than <see cref="MinimumLength"/> are not masked;
/// hiding every "1" or "on" would make logs unreadable and protect nothing.
/// </summary>
public sealed class LogMasker
{
    public const int MinimumLength = 4;

    private readonly List<(string Text, string Replacement)> _variants;
    private readonly StringBuilder _pending = new();

    public LogMasker(IEnumerable<MaskedSecret> secrets)
    {
        _variants = secrets
            .Where(s => s.Value.Length >= MinimumLength)
            .SelectMany(s => Variants(s.Value).Select(v => (Text: v, Replacement: "$" + s.Name)))
            .Where(v => v.Text.Length >= MinimumLength)
            .DistinctBy(v => v.Text, StringComparer.Ordinal)
            // Longest first, so a value that contains another is replaced whole.
            .OrderByDescending(v => v.Text.Length)
            .ToList();
    }

    public bool IsEmpty => _variants.Count == 0;

    /// <summary>The masked text that is safe to emit now; a possible start of a value is kept for the next call.</summary>
    public string Push(string text)
    {
        if (_variants.Count == 0)
        {
            return text;
        }

        _pending.Append(text);
        var masked = Mask(_pending.ToString());
        var keep = HeldBackLength(masked);
        _pending.Clear().Append(masked, masked.Length - keep, keep);
        return masked[..^keep];
    }

    /// <summary>What is held back, masked; call at the end of the stream.</summary>
    public string Flush()
    {
        var rest = Mask(_pending.ToString());
        _pending.Clear();
        return rest;
    }

    private string Mask(string text)
    {
        foreach (var (value, replacement) in _variants)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, replacement, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The longest suffix of <paramref name="text"/> that is a proper prefix of some value.</summary>
    private int HeldBackLength(string text)
    {
        var longest = 0;
        foreach (var (value, _) in _variants)
        {
            for (var length = Math.Min(value.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(value.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }

    private static IEnumerable<string> Variants(string value)
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        yield return value;
        yield return base64;
        yield return base64.TrimEnd('=');
        yield return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        yield return Uri.EscapeDataString(value);
        // `echo $SECRET | base64` encodes the trailing newline too.
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(value + "\n")).TrimEnd('=');
    }
}
