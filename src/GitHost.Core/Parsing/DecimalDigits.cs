using System.Globalization;

namespace GitHost.Core.Parsing;

/// <summary>
/// Parses a non-negative whole number written with ASCII digits only. .NET's own parsers accept
/// trailing NUL characters even with <see cref="NumberStyles.None"/>, so <c>"1%00"</c> from a query
/// string would otherwise name id 1.
/// </summary>
public static class DecimalDigits
{
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        return AllDigits(text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return AllDigits(text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
