using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using GitHost.Core.Failures;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Compiles rule expressions once and keeps them for every later push (compiling costs far more than
/// matching). The non-backtracking engine runs in time linear in the input whatever the pattern, so a
/// catastrophic pattern like <c>(a+)+$</c> is harmless; a pattern it cannot run (lookarounds,
/// backreferences) falls back to the backtracking engine with a match timeout, and is refused when a
/// hostile probe input already exceeds it.
/// </summary>
public sealed class SecretPatterns
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private const int MaxCached = 10_000;
    private static readonly string[] Probes = [new string('a', 4_000) + "!", string.Concat(Enumerable.Repeat("a1 ", 1_500)) + "\u0000"];

    private readonly ConcurrentDictionary<string, Regex> _cache = new(StringComparer.Ordinal);

    /// <summary>The compiled pattern; the caller validated it when it was stored.</summary>
    public Regex Get(string pattern)
    {
        if (_cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var regex = Compile(pattern);
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[pattern] = regex;
        return regex;
    }

    /// <summary>Throws a 400 naming <paramref name="context"/> when the pattern is not a usable expression.</summary>
    public void Validate(string pattern, string context)
    {
        Regex regex;
        try
        {
            regex = Compile(pattern);
        }
        catch (ArgumentException e)
        {
            throw GitHostException.Invalid($"{context} is not a valid regular expression: {e.Message}", context);
        }

        if ((regex.Options & RegexOptions.NonBacktracking) != 0)
        {
            return;
        }

        try
        {
            foreach (var probe in Probes)
            {
                _ = regex.IsMatch(probe);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw GitHostException.Invalid(
                $"{context} takes too long to match (catastrophic backtracking). Avoid nested quantifiers together with lookarounds or backreferences.",
                context);
        }
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }
}
