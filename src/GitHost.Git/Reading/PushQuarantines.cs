namespace GitHost.Git.Reading;

/// <summary>
/// Where a push's objects wait while its pre-receive hook runs: git's quarantine folder
/// (<c>objects/tmp_objdir-incoming-*</c>, moved in only after the hook agrees). The hook script reports
/// its own by name (from <c>GIT_QUARANTINE_PATH</c>), so a push's checks read its objects and not those of
/// pushes overlapping it: a large push next door must not send a small one down the slow path.
/// </summary>
public static class PushQuarantines
{
    private const string Marker = "incoming-";

    /// <summary>
    /// The reported folder when it names an existing quarantine folder of this repository; otherwise
    /// those of every push in progress (objects are named by their content, so extra folders change no
    /// answer, they only cost time).
    /// </summary>
    public static IReadOnlyList<string> Of(string gitDir, string? reportedName)
    {
        var objects = Path.Combine(gitDir, "objects");
        if (IsFolderName(reportedName) && Directory.Exists(Path.Combine(objects, reportedName!)))
        {
            return [Path.Combine(objects, reportedName!)];
        }

        return Directory.Exists(objects) ? Directory.GetDirectories(objects, "*" + Marker + "*") : [];
    }

    private static bool IsFolderName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Contains(Marker, StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
