namespace GitHost.Data.Groups;

public sealed class GroupMemberEntity
{
    public long GroupId { get; set; }

    public long UserId { get; set; }
}
