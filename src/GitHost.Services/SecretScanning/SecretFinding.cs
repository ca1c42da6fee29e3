using GitHost.Data.SecretScanning;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// A secret found on an added line (or, for a path-only rule, a file). Never holds the secret: at
/// most <see cref="MaskedPrefix"/>, its first characters, for the pusher to recognise it.
/// </summary>
/// <param name="Line">The line in the new version of the file; null for a whole-file (path) finding.</param>
public sealed record SecretFinding(string CommitId, string Path, int? Line, long RuleId, string RuleName, SecretScanningAction Action, string? MaskedPrefix)
{
    public string Location => Line is { } line ? $"{Path}:{line}" : Path;
}
