using System.Diagnostics.CodeAnalysis;

namespace GitHost.Core.Naming;

/// <summary>
/// A workspace key (a GitHost extension; Bitbucket has no workspaces): lower-case ASCII letters,
/// digits, '-' and '_', starting with a letter or digit, at most 64 characters. Input is
/// lower-cased, so <c>Eng</c> and <c>eng</c> name the same workspace.
/// </summary>
public readonly record struct WorkspaceKey
{
    public const int MaxLength = 64;

    private WorkspaceKey(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out WorkspaceKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(input) || input.Length > MaxLength || !char.IsAsciiLetterOrDigit(input[0]))
        {
            return false;
        }

        foreach (var c in input)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        key = new WorkspaceKey(input.ToLowerInvariant());
        return true;
    }

    public static WorkspaceKey Parse(string? input, string context = "key") =>
        TryParse(input, out var key)
            ? key.Value
            : throw Failures.GitHostException.Invalid(
                "Workspace keys are 1 to 64 ASCII letters, digits, '-' or '_', starting with a letter or digit.", context);

    public override string ToString() => Value;
}
