using System.Diagnostics.CodeAnalysis;

namespace GitHost.Core.Naming;

/// <summary>
/// A project key as Bitbucket accepts it: a letter or underscore followed by letters, digits or
/// underscores, at most 128 characters, stored upper case. Personal projects use <c>~USERSLUG</c>.
/// </summary>
public readonly record struct ProjectKey
{
    public const int MaxLength = 128;

    private ProjectKey(string value) => Value = value;

    public string Value { get; }

    public bool IsPersonal => Value.StartsWith('~');

    /// <summary>The user slug of a personal project key (<c>~JDOE</c> → <c>jdoe</c>).</summary>
    public string? PersonalUserSlug => IsPersonal ? Value[1..].ToLowerInvariant() : null;

    public static bool TryParse(string? input, [NotNullWhen(true)] out ProjectKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(input) || input.Length > MaxLength)
        {
            return false;
        }

        if (input[0] == '~')
        {
            if (!UserSlug.TryParse(input[1..].ToLowerInvariant(), out _))
            {
                return false;
            }

            key = new ProjectKey(input.ToUpperInvariant());
            return true;
        }

        if (!IsAsciiLetter(input[0]) && input[0] != '_')
        {
            return false;
        }

        foreach (var c in input)
        {
            if (!IsAsciiLetter(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        key = new ProjectKey(input.ToUpperInvariant());
        return true;
    }

    public static ProjectKey Parse(string? input, string context = "key") =>
        TryParse(input, out var key)
            ? key.Value
            : throw Failures.GitHostException.Invalid(
                string.IsNullOrWhiteSpace(input)
                    ? "A project key is required, e.g. \"key\": \"PROJ\"."
                    : "Project keys must start with a letter and may only consist of ASCII letters, numbers and underscores (_).",
                context);

    public static ProjectKey Personal(string userSlug) => new("~" + userSlug.ToUpperInvariant());

    public override string ToString() => Value;

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
