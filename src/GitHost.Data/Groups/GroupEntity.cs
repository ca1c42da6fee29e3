namespace GitHost.Data.Groups;

public sealed class GroupEntity
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lower-cased name; group names are unique case-insensitively.</summary>
    public string NormalizedName { get; set; } = "";

    public long CreatedDate { get; set; }

    public List<GroupMemberEntity> Members { get; set; } = [];
}
