using GitHost.Services.Content.Files;

namespace GitHost.Services.Content.Diff;

/// <summary>
/// One record of <c>git diff --raw -z</c>: <c>:&lt;old mode&gt; &lt;new mode&gt; &lt;old id&gt; &lt;new id&gt; &lt;status&gt;[score]</c>
/// then the path (two paths for renames and copies).
/// </summary>
public sealed record RawChange(string OldMode, string NewMode, string OldId, string NewId, char Status, int? Score, ContentPath? SourcePath, ContentPath Path)
{
    private const string Submodule = "160000";

    public bool IsRenameOrCopy => Status is 'R' or 'C';

    /// <summary>Bitbucket's change type.</summary>
    public string Type => Status switch
    {
        'A' => "ADD",
        'D' => "DELETE",
        'M' or 'T' => "MODIFY",
        'R' => "MOVE",
        'C' => "COPY",
        _ => "UNKNOWN",
    };

    public string NodeType => NewMode == Submodule || OldMode == Submodule ? "SUBMODULE" : "FILE";

    public bool Executable => NewMode == "100755";

    public bool SourceExecutable => OldMode == "100755";

    public string? ContentId => IsZero(NewId) ? null : NewId;

    public string? FromContentId => IsZero(OldId) ? null : OldId;

    /// <summary>The path git's patch names on the old side: the source of a rename or copy, else the path itself.</summary>
    public ContentPath OldSidePath => SourcePath ?? Path;

    private static bool IsZero(string id) => id.All(c => c == '0');

    /// <summary>Parses the header record (<c>:100644 100644 abc def M</c>); the paths follow as separate records.</summary>
    public static (string OldMode, string NewMode, string OldId, string NewId, char Status, int? Score)? ParseHeader(string record)
    {
        if (!record.StartsWith(':'))
        {
            return null;
        }

        var fields = record[1..].Split(' ');
        if (fields.Length < 5 || fields[4].Length == 0)
        {
            return null;
        }

        int? score = fields[4].Length > 1 && int.TryParse(fields[4].AsSpan(1), out var s) ? s : null;
        return (fields[0], fields[1], fields[2], fields[3], fields[4][0], score);
    }
}
