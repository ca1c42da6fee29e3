using System.Text;
using System.Text.RegularExpressions;
using GitHost.Data.Users;

namespace GitHost.Services.Markup;

/// <summary>
/// <c>@username</c> and <c>@"Display Name"</c> in comment text, as Bitbucket writes them. Finding the
/// names is text work; which user a name means (and whether they may read the repository) is the
/// resolver's, so a mention of someone who cannot see the comment stays plain text.
/// </summary>
public static partial class Mentions
{
    /// <summary>The names mentioned: a user name (slug) as written, or the quoted display name.</summary>
    public static IReadOnlyList<string> Names(string text) =>
        MentionPattern().Matches(text).Select(Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The markdown with each resolved mention made a link to the user's profile showing their display
    /// name; <paramref name="users"/> is keyed by <see cref="Names"/> (case-insensitive).
    /// </summary>
    public static string Link(string markdown, IReadOnlyDictionary<string, UserEntity> users) =>
        users.Count == 0
            ? markdown
            : MentionPattern().Replace(markdown, match => users.TryGetValue(Name(match), out var user)
                ? $"[@{Escape(user.DisplayName)}](/users/{Uri.EscapeDataString(user.Slug)})"
                : match.Value);

    private static string Name(Match match) => match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["name"].Value.TrimEnd('.');

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == ' ')
            {
                escaped.Append(c);
            }
            else if (char.IsAscii(c) && !char.IsControl(c))
            {
                escaped.Append('\\').Append(c);
            }
            else if (!char.IsControl(c))
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    [GeneratedRegex("""(?<![\w@/])@(?:"(?<quoted>[^"\r\n]{1,255})"|(?<name>[A-Za-z0-9_][A-Za-z0-9_.\-]{0,254}))""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionPattern();
}
