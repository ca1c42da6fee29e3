using System.Buffers;
using System.Text.RegularExpressions;
using GitHost.Data.SecretScanning;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// The rules that apply to one push (global, project and repository), with the prefilter: one
/// vectorized search for every rule's keywords per line, so a line no keyword-bearing rule can match
/// costs no regular expression at all. Rules without keywords (most custom rules) run on every line.
/// </summary>
internal sealed class SecretRuleSet
{
    private readonly IReadOnlyList<CompiledSecretRule> _rules;
    private readonly IReadOnlyList<CompiledAllowRule> _allow;
    private readonly SearchValues<string>? _keywords;

    public SecretRuleSet(IEnumerable<SecretScanningRuleEntity> entities, SecretPatterns patterns)
    {
        var rules = new List<CompiledSecretRule>();
        var allow = new List<CompiledAllowRule>();
        foreach (var entity in entities)
        {
            var line = entity.LineRegex is { } l ? patterns.Get(l) : null;
            var path = entity.PathRegex is { } p ? patterns.Get(p) : null;
            if (entity.Allowlist)
            {
                allow.Add(new CompiledAllowRule(line, path));
            }
            else
            {
                rules.Add(new CompiledSecretRule(entity.Id, entity.Name, entity.Action, line, path, entity.MinEntropy, DefaultSecretRules.KeywordsOf(entity.LineRegex)));
            }
        }

        _rules = rules;
        _allow = allow;
        var keywords = rules.Where(r => r.Keywords is not null).SelectMany(r => r.Keywords!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        _keywords = keywords.Length > 0 ? SearchValues.Create(keywords, StringComparison.OrdinalIgnoreCase) : null;
    }

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>The rules for one file: its path decides which line rules apply, and path-only rules match here once.</summary>
    public FileRules ForFile(string path)
    {
        var lineRules = new List<CompiledSecretRule>();
        var pathHits = new List<CompiledSecretRule>();
        foreach (var rule in _rules)
        {
            if (rule.Path is not null && !SafeIsMatch(rule.Path, path))
            {
                continue;
            }

            (rule.Line is null ? pathHits : lineRules).Add(rule);
        }

        return new FileRules(this, path, lineRules, pathHits, lineRules.Any(r => r.Keywords is null));
    }

    /// <summary>Whether an allowlist rule covers this finding: its path expression (if any) matches the path and its line expression (if any) the line.</summary>
    public bool Allowed(string path, string? line) =>
        _allow.Any(a => (a.Path is null || SafeIsMatch(a.Path, path)) && (a.Line is null || (line is not null && SafeIsMatch(a.Line, line))));

    public bool MayMatch(ReadOnlySpan<char> line) => _keywords is not null && line.IndexOfAny(_keywords) >= 0;

    /// <summary>A user pattern that times out (backtracking fallback only) does not match rather than stall the push.</summary>
    internal static bool SafeIsMatch(Regex regex, ReadOnlySpan<char> input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
