using System.Buffers;
using System.Globalization;
using System.Text;

namespace GitHost.Core.Naming;

/// <summary>
/// Rules for free text people see next to other people's: user display names and group names.
/// Letters of any script are fine; control characters, zero-width characters and bidirectional
/// overrides are not, because they let one name display as another ("admin\u202E" or "adm\u200Bin").
/// </summary>
public static class DisplayText
{
    public const int MaxLength = 255;

    public static bool IsValid(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength || text.Trim().Length != text.Length)
        {
            return false;
        }

        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            // A lone surrogate is not text.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return false;
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }
}
