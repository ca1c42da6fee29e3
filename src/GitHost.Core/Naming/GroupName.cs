using System.Diagnostics.CodeAnalysis;

namespace GitHost.Core.Naming;

/// <summary>
/// A group name: printable text (see <see cref="DisplayText"/>), at most 255 characters, without
/// leading or trailing spaces. Group names are unique case-insensitively; <see cref="Normalized"/>
/// is the lower-cased form the unique index holds.
/// </summary>
public readonly record struct GroupName
{
    private GroupName(string value) => Value = value;

    public string Value { get; }

    public string Normalized => Value.ToLowerInvariant();

    public static bool TryParse(string? input, [NotNullWhen(true)] out GroupName? name)
    {
        name = DisplayText.IsValid(input) ? new GroupName(input!) : null;
        return name is not null;
    }

    public static GroupName Parse(string? input, string context = "name") =>
        TryParse(input, out var name)
            ? name.Value
            : throw Failures.GitHostException.Invalid(
                "A group name is required: 1 to 255 printable characters, without leading or trailing spaces.", context);

    public override string ToString() => Value;
}
