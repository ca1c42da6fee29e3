namespace GitHost.Services.Git;

/// <summary>
/// One line of a hook's stdin: <c>old new ref</c>. An all-zero id means the ref is created (old) or
/// deleted (new).
/// </summary>
public sealed record RefUpdate(string OldId, string NewId, string RefName)
{
    public bool IsCreate => IsZero(OldId);

    public bool IsDelete => IsZero(NewId);

    public bool IsBranch => RefName.StartsWith("refs/heads/", StringComparison.Ordinal);

    public bool IsTag => RefName.StartsWith("refs/tags/", StringComparison.Ordinal);

    /// <summary><c>main</c> for <c>refs/heads/main</c>, <c>v1</c> for <c>refs/tags/v1</c>, else the full name.</summary>
    public string DisplayId =>
        IsBranch ? RefName["refs/heads/".Length..] : IsTag ? RefName["refs/tags/".Length..] : RefName;

    /// <summary>Parses git's hook input; a line that is not three well-formed fields fails the whole input.</summary>
    public static IReadOnlyList<RefUpdate> ParseAll(string input)
    {
        var updates = new List<RefUpdate>();
        foreach (var line in input.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || !IsObjectId(parts[0]) || !IsObjectId(parts[1]) || !parts[2].StartsWith("refs/", StringComparison.Ordinal))
            {
                throw new FormatException($"Not a hook input line: '{(line.Length > 200 ? line[..200] : line)}'.");
            }

            updates.Add(new RefUpdate(parts[0], parts[1], parts[2]));
        }

        return updates;
    }

    private static bool IsZero(string id) => id.All(c => c == '0');

    private static bool IsObjectId(string id) => id.Length is 40 or 64 && id.All(char.IsAsciiHexDigitLower);
}
