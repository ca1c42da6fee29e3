using System.Text.RegularExpressions;

namespace GitHost.Services.PullRequests.Issues;

/// <summary>
/// Jira issue keys in free text, as Jira's own key pattern finds them: a project key (an upper-case
/// letter, then upper-case letters, digits or underscores), a dash and a number, not glued to a
/// preceding letter, digit or underscore. <c>feature/ABC-12-login</c> and <c>Fix ABC-12, XY_9-3</c>
/// mention ABC-12 and XY_9-3; <c>abc-12</c> and <c>XABC-12</c>'s inner <c>ABC-12</c> do not count.
/// </summary>
public static partial class IssueKeys
{
    /// <summary>Text beyond this many characters of one message is not searched (a commit message can be megabytes).</summary>
    public const int MaxTextChars = 64 * 1024;

    /// <summary>Keys in order of first mention, each once, added to <paramref name="keys"/> until it holds <paramref name="max"/>.</summary>
    public static void Collect(string? text, List<string> keys, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (Match match in Pattern().Matches(text.Length > MaxTextChars ? text[..MaxTextChars] : text))
        {
            if (keys.Count >= max)
            {
                return;
            }

            if (!keys.Contains(match.Value, StringComparer.Ordinal))
            {
                keys.Add(match.Value);
            }
        }
    }

    /// <summary>Longest key accepted as input: Jira's project keys are at most 255 characters.</summary>
    public const int MaxKeyLength = 300;

    /// <summary>Whether <paramref name="text"/> is one key and nothing else (<c>ABC-12</c>).</summary>
    public static bool IsKey(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= MaxKeyLength && Pattern().Match(text) is { Success: true } match && match.Length == text.Length;

    /// <summary>Whether <paramref name="text"/> mentions <paramref name="key"/> as a key of its own (not inside <c>XABC-12</c> or <c>ABC-123</c>).</summary>
    public static bool Mentions(string? text, string key)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (Match match in Pattern().Matches(text.Length > MaxTextChars ? text[..MaxTextChars] : text))
        {
            if (match.Value == key)
            {
                return true;
            }
        }

        return false;
    }

    // Linear: no nested quantifiers, and the look-behind is one character.
    [GeneratedRegex(@"(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]+-[0-9]+(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1_000)]
    private static partial Regex Pattern();
}
