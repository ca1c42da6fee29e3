namespace GitHost.Data.Workspaces;

/// <summary>A top-level container of projects with its own members. One default workspace always exists.</summary>
public sealed class WorkspaceEntity
{
    public const string DefaultKey = "default";

    public long Id { get; set; }

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public bool IsDefault { get; set; }

    public long CreatedDate { get; set; }
}
