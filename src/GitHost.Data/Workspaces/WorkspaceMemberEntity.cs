namespace GitHost.Data.Workspaces;

public sealed class WorkspaceMemberEntity
{
    public long WorkspaceId { get; set; }

    public long UserId { get; set; }

    public bool IsAdmin { get; set; }
}
