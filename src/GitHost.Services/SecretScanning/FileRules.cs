using System.Text.RegularExpressions;
using GitHost.Data.SecretScanning;

namespace GitHost.Services.SecretScanning;

/// <summary>The rules that apply to one file of one commit, and the scan of its added lines.</summary>
internal sealed class FileRules(SecretRuleSet set, string path, IReadOnlyList<CompiledSecretRule> lineRules, IReadOnlyList<CompiledSecretRule> pathHits, bool hasUnkeyed)
{
    public string Path => path;

    /// <summary>Path-only rules matching this file: one whole-file finding each, unless allowlisted by path.</summary>
    public IEnumerable<SecretFinding> PathFindings(string commitId) =>
        pathHits.Where(_ => !set.Allowed(path, null))
            .Select(r => new SecretFinding(commitId, path, null, r.Id, r.Name, r.Action, null));

    /// <summary>Runs the line rules on one added line; matches are rare, so only they allocate.</summary>
    public void ScanLine(ReadOnlySpan<char> line, int lineNumber, string commitId, List<SecretFinding> findings)
    {
        if (lineRules.Count == 0 || (!hasUnkeyed && !set.MayMatch(line)))
        {
            return;
        }

        string? text = null;
        foreach (var rule in lineRules)
        {
            if (rule.Keywords is { } keywords && !ContainsAny(line, keywords))
            {
                continue;
            }

            if (!SecretRuleSet.SafeIsMatch(rule.Line!, line))
            {
                continue;
            }

            text ??= line.ToString();
            if (Secret(rule, text) is not { } secret || set.Allowed(path, text))
            {
                continue;
            }

            findings.Add(new SecretFinding(commitId, path, lineNumber, rule.Id, rule.Name, rule.Action, Mask(secret)));
        }
    }

    /// <summary>The first match whose secret passes the entropy bar, as its secret text ("" when the rule names no secret group).</summary>
    private static string? Secret(CompiledSecretRule rule, string text)
    {
        try
        {
            for (var match = rule.Line!.Match(text); match.Success; match = match.NextMatch())
            {
                var group = match.Groups["secret"] is { Success: true } named ? named : match.Groups.Count > 1 && match.Groups[1].Success ? match.Groups[1] : match.Groups[0];
                if (rule.MinEntropy is not { } minimum || ShannonEntropy.Of(group.ValueSpan) >= minimum)
                {
                    return match.Groups["secret"].Success ? group.Value : "";
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Only the first four characters of a long secret; a short one shows nothing.</summary>
    private static string? Mask(string secret) => secret.Length >= 16 ? secret[..4] + "…" : null;

    private static bool ContainsAny(ReadOnlySpan<char> line, string[] keywords)
    {
        foreach (var keyword in keywords)
        {
            if (line.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
