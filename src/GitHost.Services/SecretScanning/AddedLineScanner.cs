using System.Text;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Runs a push's rules over the files and added lines of its commits, however they are read: from
/// a <c>git log -p</c> stream (<see cref="PatchScanner"/>) or through libgit2 (<see cref="InProcessPushReader"/>).
/// Both must call it the same way for the same push, so their findings are the same: a commit, then
/// each file git would print a <c>+++ b/…</c> or <c>Binary files … differ</c> line for, then that
/// file's added lines as raw bytes (at most <see cref="SecretScanningOptions.MaxLineLength"/> - 1 of
/// them, the patch line's <c>+</c> being the first of its cut) with their line numbers in the new file.
/// </summary>
internal sealed class AddedLineScanner(SecretRuleSet rules, SecretScanningOptions options)
{
    private readonly List<SecretFinding> _findings = [];
    private readonly char[] _chars = new char[options.MaxLineLength + 1];
    private string _commit = "";
    private FileRules? _file;

    public IReadOnlyList<SecretFinding> Findings => _findings;

    public bool IsFull => _findings.Count >= options.MaxFindings;

    public void StartCommit(string commitId)
    {
        _commit = commitId;
        _file = null;
    }

    /// <summary>A new file: its path-only findings now; null (a deleted file) scans nothing until the next file.</summary>
    public void StartFile(string? path)
    {
        _file = path is null ? null : rules.ForFile(path);
        if (_file is not null)
        {
            foreach (var finding in _file.PathFindings(_commit))
            {
                if (!IsFull)
                {
                    _findings.Add(finding);
                }
            }
        }
    }

    /// <summary>Lines seen before any file header (or after a deletion) belong to no file and are skipped.</summary>
    public void EndFile() => _file = null;

    public void AddedLine(ReadOnlySpan<byte> content, int lineNumber)
    {
        if (_file is not null && !IsFull)
        {
            var count = Encoding.UTF8.GetChars(content, _chars);
            _file.ScanLine(_chars.AsSpan(0, count), lineNumber, _commit, _findings);
        }
    }
}
