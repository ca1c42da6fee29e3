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

    // Linear: no nested quantifiers, and the look-behind is one character.
    [GeneratedRegex(@"(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]+-[0-9]+(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1_000)]
    private static partial Regex Pattern();
}
