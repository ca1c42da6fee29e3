using System.Diagnostics.CodeAnalysis;

namespace GitHost.Core.Naming;

/// <summary>
/// A user name usable in URLs: letters, digits, '.', '_', '-' and '@', not starting with a
/// punctuation character, at most 255 characters. The slug is the lower-cased name.
/// </summary>
public readonly record struct UserSlug
{
    public const int MaxLength = 255;

    private UserSlug(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out UserSlug? slug)
    {
        slug = null;
        if (!IsValidUserName(input))
        {
            return false;
        }

        slug = new UserSlug(input!.ToLowerInvariant());
        return true;
    }

    public static bool IsValidUserName(string? input)
    {
        if (string.IsNullOrEmpty(input) || input.Length > MaxLength || !char.IsAsciiLetterOrDigit(input[0]))
        {
            return false;
        }

        foreach (var c in input)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '@'))
            {
                return false;
            }
        }

        return !input.Contains("..");
    }

    public override string ToString() => Value;
}
