namespace GitHost.Services.Content.Changes;

/// <summary>
/// One changed path between two trees, as one record of git's raw diff reports it:
/// <c>:&lt;old mode&gt; &lt;new mode&gt; &lt;old id&gt; &lt;new id&gt; &lt;status&gt;[score]</c> then the path (two for
/// renames and copies, source first). A side that does not exist has mode <c>000000</c> and the
/// all-zero id, which Bitbucket shows as is (<c>fromContentId</c> of an added file, <c>contentId</c>
/// of a deleted one).
/// </summary>
public sealed record FileChange(
    string OldMode, string NewMode, string OldId, string NewId, char Status, int? Score, ContentPath? SrcPath, ContentPath Path)
{
    private const string Executable755 = "100755";

    public bool IsRenameOrCopy => Status is 'R' or 'C';

    /// <summary>Bitbucket's change type; git's type change (<c>T</c>) is a MODIFY.</summary>
    public string Type => Status switch
    {
        'A' => "ADD",
        'D' => "DELETE",
        'M' or 'T' => "MODIFY",
        'R' => "MOVE",
        'C' => "COPY",
        _ => "UNKNOWN",
    };

    /// <summary>What the path is after the change (before it, for a delete).</summary>
    public string NodeType => (Status == 'D' ? OldMode : NewMode) switch
    {
        "160000" => "SUBMODULE",
        "040000" => "DIRECTORY",
        _ => "FILE",
    };

    public bool Executable => NewMode == Executable755;

    public bool SrcExecutable => OldMode == Executable755;

    public string ContentId => NewId;

    public string FromContentId => OldId;

    /// <summary>git's similarity score for a move or copy (Bitbucket's <c>percentUnchanged</c>), -1 otherwise.</summary>
    public int PercentUnchanged => IsRenameOrCopy ? Score ?? -1 : -1;

    /// <summary>The path git's patch names on the old side: the source of a rename or copy, else the path itself.</summary>
    public ContentPath OldSidePath => SrcPath ?? Path;
}
